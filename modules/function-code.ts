import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { App, AssetType, TerraformAsset } from 'cdktf';
import { FunctionPackage } from './function-package';

export interface FunctionCodeProps {
  /** The zip, built by `packageFunction` (during config validation, so a refused source writes nothing). */
  readonly package: FunctionPackage;
}

/** Where the zips wait for cdktf to copy them, inside the app's output directory (next to `stacks/`). */
export const STAGING_DIRECTORY = 'function-packages';

/**
 * Writes the zip into the output directory: a place the synth already writes to (the App creates it), inside the
 * project's output, never in the source folder. Named by content, and rewritten on every synth (a file left there
 * by hand is never trusted), under a temporary name then renamed, so a concurrent synth never copies half a file.
 */
function stage(outdir: string, digest: string, zip: Buffer): string {
  const file = path.resolve(outdir, STAGING_DIRECTORY, digest, 'function.zip');
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, zip);
  renameSync(partial, file);
  return file;
}

/**
 * A function's code handed to Terraform: the package's bytes as a `TerraformAsset` of type FILE, which cdktf copies
 * with `fs.copyFileSync` into the stack's `assets/` (node_modules/cdktf/lib/terraform-asset.js, `_onSynthesize`), no
 * shell involved, unlike type ARCHIVE, which zips through `execSync` (node_modules/cdktf/lib/private/fs.js,
 * `archiveSync`). The asset's folder is named by the zip's SHA-256, so `filename` stays the same as long as the code
 * does, on every machine.
 */
export class FunctionCode extends Construct {
  /** The zip's path relative to the stack's directory: the Lambda function's `filename`. */
  readonly filename: string;
  /** Base64 SHA-256 of the zip (`filebase64sha256(filename)`): the Lambda function's `source_code_hash`. */
  readonly sourceCodeHash: string;

  constructor(scope: Construct, id: string, props: FunctionCodeProps) {
    super(scope, id);
    const digest = Buffer.from(props.package.sourceCodeHash, 'base64').toString('hex').toUpperCase();
    // Content-addressed: two functions with the same code share one staged file.
    const file = stage(App.of(this).outdir, digest, props.package.zip);
    const asset = new TerraformAsset(this, 'Asset', { path: file, type: AssetType.FILE, assetHash: digest });
    this.filename = asset.path;
    this.sourceCodeHash = props.package.sourceCodeHash;
  }
}
