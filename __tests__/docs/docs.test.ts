/**
 * Keeps README.md, README.ja.md and `help` honest against the code: commands, stacks, config fields, outputs,
 * paths, links, and README.ja.md's structure against README.md.
 * Everything is read at test time and parsed by the small functions below; each rule also runs once on modified
 * text (a renamed script, verb, stack, field or path) to prove that it can fail. No process is spawned.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z, ZodTypeAny } from 'zod';
import { AppConfig, CONFIG_ENV_VAR, DEFAULT_CONFIG_INPUT, loadConfig } from '../../config';
import { outputKey } from '../../stacks/output-names';
import { fixture, FixtureName, testConfig } from '../helpers';
import { configSchema, SERVICE_STACK_NAME } from '../../config/schema';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const README = read('README.md');
const README_JA = read('README.ja.md');
const HELP = read('help');
const PACKAGE = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const DOCS: [string, string][] = [
  ['README.md', README],
  ['README.ja.md', README_JA],
  ['help', HELP],
];
const READMES = DOCS.slice(0, 2);

// ---------------------------------------------------------------------------------------------------------------
// Markdown helpers

interface Fence {
  lang: string;
  body: string;
}

/** Splits markdown into its fenced code blocks and the prose around them (fences blanked, line count kept). */
function splitFences(markdown: string): { prose: string; fences: Fence[] } {
  const fences: Fence[] = [];
  const prose: string[] = [];
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^```(\S*)\s*$/.exec(line);
    if (marker && !open) {
      open = { lang: marker[1], lines: [] };
      prose.push('');
    } else if (marker && open) {
      fences.push({ lang: open.lang, body: open.lines.join('\n') });
      open = undefined;
      prose.push('');
    } else if (open) {
      open.lines.push(line);
      prose.push('');
    } else {
      prose.push(line);
    }
  }
  return { prose: prose.join('\n'), fences };
}

/** Inline code spans of the prose (outside fences), whitespace-normalized: a span may wrap over lines. */
function codeSpans(markdown: string): string[] {
  return [...splitFences(markdown).prose.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\s+/g, ' ').trim());
}

/** Lines of the `## ` section whose heading matches, up to the next `## ` heading. */
function section(markdown: string, heading: RegExp): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^## /.test(line) && heading.test(line));
  if (start < 0) return '';
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Splits a table row on the pipes that are not inside a code span. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  let inCode = false;
  for (const char of row.trim().replace(/^\|/, '').replace(/\|$/, '')) {
    if (char === '`') inCode = !inCode;
    if (char === '|' && !inCode) {
      out.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  out.push(cell.trim());
  return out;
}

/** Body rows (header and separator dropped) of every table of a markdown text, as cells. */
function tables(markdown: string): string[][][] {
  return tablesWithHeaders(markdown).map((t) => t.rows);
}

function tablesWithHeaders(markdown: string): { header: string[]; rows: string[][] }[] {
  const found: { header: string[]; rows: string[][] }[] = [];
  let current: string[] = [];
  for (const line of [...splitFences(markdown).prose.split('\n'), '']) {
    if (line.startsWith('|')) {
      current.push(line);
    } else if (current.length) {
      found.push({ header: cells(current[0]), rows: current.slice(2).map(cells) });
      current = [];
    }
  }
  return found;
}

/** The first table under the "Configuration" heading ("## 設定 (Configuration)" in Japanese). */
function configTable(markdown: string): string[][] {
  return tables(section(markdown, /Configuration|設定/))[0] ?? [];
}

/** Targets of the markdown links `[text](target)`. */
function linkTargets(markdown: string): string[] {
  return [...splitFences(markdown).prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

// ---------------------------------------------------------------------------------------------------------------
// Rule 1: `npm run <script>` names a script of package.json; other npm commands are the built-ins the docs use.

/** npm's own commands the docs may use; `npm test` still needs a `test` script. */
const NPM_BUILTINS = ['test', 'ci'];

function badNpmCommands(text: string, scripts: Record<string, string>): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(/\bnpm[ \t]+([a-z][\w-]*)(?:[ \t]+([\w:.-]+))?/g)) {
    const [command, verb, script] = m;
    if (verb === 'run' || verb === 'run-script') {
      if (!script || !(script in scripts)) bad.push(command);
    } else if (!NPM_BUILTINS.includes(verb) || (verb === 'test' && !('test' in scripts))) {
      bad.push(command);
    }
  }
  return bad;
}

// ---------------------------------------------------------------------------------------------------------------
// Rule 2: `npx cdktf <verb> <stacks…>` (and code spans `cdktf <verb> …`) use a real verb and real stacks.

/**
 * Top-level commands of cdktf-cli 0.21.0, as `npx cdktf --help` lists them, with their aliases (apply, plan,
 * synthesize, outputs). Verified against node_modules/cdktf-cli below, so an upgrade that drops one fails here.
 */
const CDKTF_VERBS = ['init', 'get', 'convert', 'deploy', 'apply', 'destroy', 'diff', 'plan', 'list', 'login', 'synth', 'synthesize', 'watch', 'output', 'outputs', 'debug', 'provider', 'completion'];

interface CdktfCommand {
  text: string;
  verb: string;
  stacks: string[];
}

/**
 * Reads one command from the text after `cdktf `: it ends at a column gap (help), a comment, a parenthesis or the
 * end of a code span; the verb comes first, then the stacks up to the first option.
 */
function parseCdktf(prefix: string, rest: string): CdktfCommand {
  const command = rest.split(/\s{2,}|[#()`;|]|&&/)[0].trim();
  const [verb = '', ...after] = command.split(/\s+/).filter(Boolean);
  const options = after.findIndex((token) => token.startsWith('-'));
  return { text: `${prefix}${command}`, verb, stacks: options < 0 ? after : after.slice(0, options) };
}

function cdktfCommands(text: string): CdktfCommand[] {
  const commands: CdktfCommand[] = [];
  // `npx cdktf …` anywhere: code blocks, code spans, help; the command ends with its line or code span.
  for (const m of text.matchAll(/\bnpx[ \t]+cdktf[ \t]+([^`\n]*)/g)) commands.push(parseCdktf('npx cdktf ', m[1]));
  // Bare `cdktf <verb> …` only as a code span of its own: in prose "cdktf" is the tool ("cdktf generates …").
  for (const span of codeSpans(text)) {
    const m = /^cdktf (.*)$/.exec(span);
    if (m) commands.push(parseCdktf('cdktf ', m[1]));
  }
  return commands;
}

/** `<name>`, `<customers…>`, `<customers...>`: a placeholder the reader fills in; `<name>-endpoint`: that consumer's endpoint stack. */
const isPlaceholder = (token: string) => /^<[^<>\s]+>(-endpoint)?$/.test(token);

function badCdktfCommands(text: string, verbs: string[], stacks: Set<string>): string[] {
  return cdktfCommands(text)
    .filter((c) => !verbs.includes(c.verb) || c.stacks.some((s) => !stacks.has(s) && !isPlaceholder(s)))
    .map((c) => c.text);
}

/**
 * Stacks the docs may name: the service stack, the embedded default's customers, the stacks every `examples/*.json`
 * synthesizes, and the e2e tier's stacks (the README's Tests table quotes its `cdktf deploy`).
 */
function knownStacks(): Set<string> {
  const names = new Set<string>([SERVICE_STACK_NAME, ...DEFAULT_CONFIG_INPUT.customers.map((c) => c.name)]);
  // Every stack the examples synthesize (customers, and consumers' endpoint stacks).
  for (const file of readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json'))) {
    Object.keys(fixture(`example/${file.slice(0, -'.json'.length)}`).json).forEach((stack) => names.add(stack));
  }
  const e2e = /const STACKS = \[([^\]]*)\]/.exec(read('e2e/deploy.e2e.test.ts'));
  for (const m of (e2e?.[1] ?? '').matchAll(/'([^']+)'/g)) names.add(m[1]);
  return names;
}

// ---------------------------------------------------------------------------------------------------------------
// Rule 3: every field of the zod schema is in both READMEs' configuration tables and in help's Configuration.

interface SchemaFields {
  /** Every path, objects included (`backend`, `observability.throttling`). */
  all: Set<string>;
  /** Paths of the fields that hold values, not objects (`backend.bucket`, `azIds`). */
  leaves: Set<string>;
}

/**
 * Walks a zod schema through its wrappers (effects, defaults, optionals, …) into object shapes, the options of
 * (discriminated) unions and the elements of arrays (`customers[].name`). Returns whether `type` holds fields.
 */
function walkSchema(type: ZodTypeAny, prefix: string, out: SchemaFields): boolean {
  const def = type._def as any;
  switch (def.typeName) {
    case 'ZodOptional':
    case 'ZodNullable':
    case 'ZodDefault':
    case 'ZodCatch':
    case 'ZodReadonly':
      return walkSchema(def.innerType, prefix, out);
    case 'ZodEffects':
      return walkSchema(def.schema, prefix, out);
    case 'ZodBranded':
      return walkSchema(def.type, prefix, out);
    case 'ZodPipeline':
      return walkSchema(def.out, prefix, out);
    case 'ZodLazy':
      return walkSchema(def.getter(), prefix, out);
    case 'ZodArray':
      return walkSchema(def.type, `${prefix}[]`, out);
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return (def.options as ZodTypeAny[]).map((option) => walkSchema(option, prefix, out)).some(Boolean);
    case 'ZodObject':
      for (const [key, value] of Object.entries((type as z.AnyZodObject).shape)) {
        const field = prefix ? `${prefix}.${key}` : key;
        out.all.add(field);
        if (!walkSchema(value as ZodTypeAny, field, out)) out.leaves.add(field);
      }
      return true;
    default:
      return false;
  }
}

function schemaFields(schema: ZodTypeAny): SchemaFields {
  const out: SchemaFields = { all: new Set(), leaves: new Set() };
  walkSchema(schema, '', out);
  return out;
}

const parentOf = (field: string) => field.slice(0, Math.max(field.lastIndexOf('.'), 0));
const leafName = (field: string) => field.slice(field.lastIndexOf('.') + 1);

/**
 * The fields a configuration-table row names in its first cell. The first backticked name is a full path
 * (`customers[].accountId`); a later one is a full path when it has a dot (`service.profile`), else a sibling of
 * the first (`roleArn` → `customers[].roleArn`; `.burstLimit` → `observability.throttling.burstLimit`).
 */
function rowFields(row: string[]): string[] {
  const names = [...row[0].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  const parent = parentOf(names[0] ?? '');
  return names.map((name, i) => {
    if (i === 0 || (name.includes('.') && !name.startsWith('.'))) return name;
    const leaf = name.replace(/^\./, '');
    return parent ? `${parent}.${leaf}` : leaf;
  });
}

/**
 * Fields missing from a configuration table. A field is documented when a row's first cell names it, or when a
 * row names one of its ancestors and the field's own name is a word of a code span in that row's other cells:
 * the `backend` row lists `bucket`, `keyPrefix`, … in its notes and `{ "type": "local" }` as its default.
 */
function undocumentedFields(fields: Iterable<string>, table: string[][]): string[] {
  const rows = table.map((row) => ({
    fields: rowFields(row),
    words: new Set(row.slice(1).flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1].match(/[A-Za-z_]\w*/g) ?? []))),
  }));
  const named = new Set(rows.flatMap((r) => r.fields));
  return [...fields].filter((field) => {
    if (named.has(field)) return false;
    return !rows.some((r) => r.fields.some((f) => field.startsWith(`${f}.`)) && r.words.has(leafName(field)));
  });
}

/** Names in a configuration table's first cells that are not fields of the schema (a stale or misspelt name). */
function unknownTableFields(table: string[][], fields: SchemaFields): string[] {
  return table.flatMap(rowFields).filter((field) => !fields.all.has(field));
}

/** The body of help's "Configuration" section (a title line underlined with dashes, up to the next one). */
function helpSection(help: string, title: string): string {
  const lines = help.split('\n');
  const isTitle = (i: number) => /^\s*-{3,}\s*$/.test(lines[i + 1] ?? '') && lines[i].trim() !== '';
  const start = lines.findIndex((line, i) => line.trim().startsWith(title) && isTitle(i));
  if (start < 0) return '';
  const end = lines.findIndex((line, i) => i > start + 1 && (isTitle(i) || /^={3,}/.test(line)));
  return lines.slice(start + 2, end < 0 ? undefined : end).join('\n');
}

/**
 * Expands help's field list into dotted paths: `service.{accountId, roleArn}` → `service.accountId`,
 * `service.roleArn`; groups nest (`throttling.{rateLimit, burstLimit}`); `,` and `|` separate alternatives.
 */
function expandFieldList(text: string): string[] {
  const tokens = text.match(/[A-Za-z_]\w*(?:\[\])?|[.{},|]/g) ?? [];
  const out: string[] = [];
  let i = 0;
  const item = (prefix: string): void => {
    const name = tokens[i++];
    if (!name || !/^[A-Za-z_]/.test(name)) throw new Error(`help field list: unexpected "${name}" after "${prefix}"`);
    if (tokens[i] !== '.') {
      out.push(prefix + name);
    } else if (tokens[++i] === '{') {
      i++;
      list(`${prefix}${name}.`);
      if (tokens[i++] !== '}') throw new Error(`help field list: unclosed group ${prefix}${name}.{`);
    } else {
      item(`${prefix}${name}.`);
    }
  };
  const list = (prefix: string): void => {
    while (i < tokens.length && tokens[i] !== '}') {
      item(prefix);
      if (tokens[i] === ',' || tokens[i] === '|') i++;
    }
  };
  list('');
  return out;
}

function helpFieldDiff(help: string, fields: SchemaFields): { missing: string[]; unknown: string[] } {
  const listed = new Set(expandFieldList(helpSection(help, 'Configuration')));
  return {
    missing: [...fields.leaves].filter((f) => !listed.has(f)),
    unknown: [...listed].filter((f) => !fields.leaves.has(f)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rule 4: repo-relative paths the READMEs name exist.

/** Made by commands, not in the repository: `cdktf.out/`, `.terraform.d/terraformrc`, `.venv`, … */
const GENERATED = ['cdktf.out', '.terraform.d', '.venv', 'node_modules', 'outputs.json'];
const FILE_EXTENSION = /\.(ts|js|mjs|cjs|py|json|ya?ml|md|txt)$/;

/**
 * Paths a README names: code spans that look like a repository path (a `/` or a file extension, no spaces, no
 * `<placeholder>`, not absolute, not a package, CIDR or ARN), and the first column of the Layout block.
 */
function namedPaths(markdown: string): string[] {
  const spans = codeSpans(markdown).filter(
    (s) =>
      !/[\s<>=:'"$,]/.test(s) &&
      !/^[/@*.-]{1,2}\//.test(s) &&
      !/^[/@*-]/.test(s) &&
      !/^\d+(\.\d+){3}\/\d+$/.test(s) &&
      (s.includes('/') || FILE_EXTENSION.test(s)),
  );
  const layout = splitFences(section(markdown, /Layout|ディレクトリ構成/)).fences[0]?.body ?? '';
  const columns = [...layout.matchAll(/^(\S+)\s{2,}/gm)].map((m) => m[1]);
  return [...spans, ...columns].filter((p) => !GENERATED.includes(p.split('/')[0]));
}

/** Whether a repo-relative path (trailing `/` = directory, `*` = glob in its last segment) exists. */
function pathExists(relative: string): boolean {
  const clean = relative.replace(/\/$/, '');
  if (!clean.includes('*')) return existsSync(path.join(ROOT, clean));
  const dir = path.join(ROOT, path.dirname(clean));
  const pattern = new RegExp(`^${path.basename(clean).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return existsSync(dir) && readdirSync(dir).some((f) => pattern.test(f));
}

const missingPaths = (markdown: string) => namedPaths(markdown).filter((p) => !pathExists(p));

// ---------------------------------------------------------------------------------------------------------------
// Rule 5: the outputs table names outputs the stacks declare.

/** Output names of the table whose first column is "output" (出力): `service.api_id`, `invoke_url`, `<customer>.curl`. */
function documentedOutputs(markdown: string): string[] {
  const table = tablesWithHeaders(markdown).find((t) => /^(output|出力)$/.test(t.header[0]));
  return (table?.rows ?? []).flatMap(rowFields).map(leafName);
}

/**
 * Output names the stacks declare, read from what they synthesize for the embedded default and every example (so
 * every transport and option in use there): per-API names (`curl_<key>` with `apis`) are also written the way the
 * docs write them, `curl_<k>`.
 */
function declaredOutputs(): Set<string> {
  // Each config beside the fixture that synthesized it.
  const configs: [AppConfig, FixtureName][] = [
    [loadConfig({}), 'default'],
    ...readdirSync(path.join(ROOT, 'examples'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => [loadConfig({ [CONFIG_ENV_VAR]: path.join(ROOT, 'examples', f) }), `example/${f.slice(0, -'.json'.length)}`] as [AppConfig, FixtureName]),
    // Per-API outputs of options no example combines with `apis`: a custom domain and access logs per API.
    [
      testConfig({
        observability: { accessLogs: true },
        apis: [{ name: 'orders', customDomain: { name: 'orders.hoge.co.jp', certificateArn: 'arn:aws:acm:ap-northeast-1:111111111111:certificate/11111111-2222-3333-4444-555555555555' } }],
      }),
      'api-options',
    ],
  ];
  const names = new Set<string>();
  for (const [config, name] of configs) {
    const keys = (config.apis ?? []).map((api) => outputKey(api.name));
    for (const stack of Object.values(fixture(name).parsed)) {
      for (const name of Object.keys(stack.output ?? {})) {
        names.add(name);
        const key = keys.find((k) => name.endsWith(`_${k}`));
        if (key) names.add(`${name.slice(0, -key.length - 1)}_<k>`);
      }
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------------------------
// Rule 6: no figure glued to the text after it (`4.4 s50`, `… machine)50`): a unit followed by a digit (or, written
// right after its number, by a letter), or a closing parenthesis directly followed by a digit. Prose only: code spans
// and fences are code.

function gluedFigures(text: string): string[] {
  const prose = splitFences(text).prose.replace(/`[^`\n]*`/g, '``');
  // After a spaced unit only a digit is a glitch ("2 stacks" is English); right after the number, a letter is one too.
  const unit = /(?<![\w.])\d+(?:[.,]\d+)*(?:[–-]\d+(?:[.,]\d+)*)?(?:[ \t](?:ms|s|min|GB|MB|KB|%|×)(?=\d)|(?:ms|s|min|GB|MB|KB|%|×)(?=[A-Za-z0-9]))/g;
  const paren = /\S*\)\d+/g;
  return [...[...prose.matchAll(unit)].map((m) => `${m[0]}${prose.slice(m.index! + m[0].length).match(/^\w*/)![0]}`), ...[...prose.matchAll(paren)].map((m) => m[0])];
}

// ---------------------------------------------------------------------------------------------------------------

describe('docs: npm commands', () => {
  it.each(DOCS)('every npm command in %s exists (npm run <script> is in package.json)', (_, text) => {
    expect(badNpmCommands(text, PACKAGE.scripts)).toEqual([]);
  });

  it('every script of package.json is documented (so the check above is not vacuous)', () => {
    const runs = DOCS.flatMap(([, text]) => [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]));
    expect(new Set(runs)).toEqual(new Set(Object.keys(PACKAGE.scripts).filter((s) => s !== 'test')));
  });

  it('fails when a script is renamed in package.json but not in the docs', () => {
    const { verify, ...rest } = PACKAGE.scripts;
    const renamed = { ...rest, check: verify };
    expect(badNpmCommands(HELP, renamed)).toContain('npm run verify');
    expect(badNpmCommands(README_JA, renamed)).toContain('npm run verify');
    expect(badNpmCommands('npm install left-pad && npm run', PACKAGE.scripts)).toEqual(['npm install left-pad', 'npm run']);
    const noTest = { ...PACKAGE.scripts };
    delete noTest.test;
    expect(badNpmCommands(README, noTest)).toContain('npm test');
  });
});

describe('docs: cdktf commands and stacks', () => {
  const stacks = knownStacks();

  it('the verb list matches the installed cdktf-cli', () => {
    const bundle = read('node_modules/cdktf-cli/bundle/bin/cdktf.js');
    for (const verb of CDKTF_VERBS) {
      const found = [`command="${verb}`, `aliases=["${verb}"]`, `.completion("${verb}"`].some((needle) => bundle.includes(needle));
      expect([verb, found]).toEqual([verb, true]);
    }
  });

  it.each(DOCS)('every cdktf command in %s uses a cdktf verb and names existing stacks or placeholders', (_, text) => {
    expect(cdktfCommands(text).length).toBeGreaterThan(3);
    expect(badCdktfCommands(text, CDKTF_VERBS, stacks)).toEqual([]);
  });

  it('parses stacks up to options, comments and help columns', () => {
    expect(cdktfCommands('    npx cdktf deploy service customer      Deploy the service stack')).toEqual([
      { text: 'npx cdktf deploy service customer', verb: 'deploy', stacks: ['service', 'customer'] },
    ]);
    expect(cdktfCommands('npx cdktf output service customer --outputs-file outputs.json # x')[0].stacks).toEqual(['service', 'customer']);
    expect(cdktfCommands('`cdktf destroy\n   service` alone')[0]).toMatchObject({ verb: 'destroy', stacks: ['service'] });
    expect(cdktfCommands('cdktf generates `terraform_remote_state`')).toEqual([]);
    expect(cdktfCommands('`npx cdktf deploy a` — `npx cdktf deploy b c`。').map((c) => c.stacks)).toEqual([['a'], ['b', 'c']]);
  });

  it('fails on an unknown verb, an unknown stack or a renamed default customer', () => {
    expect(badCdktfCommands('`npx cdktf deplyo service`', CDKTF_VERBS, stacks)).toEqual(['npx cdktf deplyo service']);
    expect(badCdktfCommands('`npx cdktf deploy service custmer`', CDKTF_VERBS, stacks)).toHaveLength(1);
    expect(badCdktfCommands('`npx cdktf destroy <name>` `cdktf deploy service <customers…>`', CDKTF_VERBS, stacks)).toEqual([]);
    const renamed = new Set([...stacks].filter((s) => s !== 'customer'));
    expect(badCdktfCommands(README, CDKTF_VERBS, renamed)).toContain('npx cdktf deploy service customer');
    expect(badCdktfCommands(HELP, CDKTF_VERBS.filter((v) => v !== 'output'), stacks)).toContain('npx cdktf output service customer');
  });
});

describe('docs: configuration fields', () => {
  const fields = schemaFields(configSchema);

  it('walks the schema through effects, defaults, optionals, unions and arrays', () => {
    expect([...fields.leaves]).toEqual(
      expect.arrayContaining([
        'region',
        'azIds',
        'service.privateDns',
        'customers[].name',
        'customers[].connectivity',
        'customers[].zoneName',
        'backend.type',
        'backend.bucket',
        'backend.hostname',
        'customDomain.certificateArn',
        'observability.throttling.rateLimit',
        'observability.alarms.email',
      ]),
    );
    expect(fields.leaves.has('backend')).toBe(false);
    expect(fields.all.has('backend')).toBe(true);
    const toy = z.preprocess((v) => v, z.object({ a: z.array(z.object({ b: z.number().default(1) })).optional(), c: z.string() }).strict());
    expect([...schemaFields(toy).leaves]).toEqual(['a[].b', 'c']);
  });

  it.each(READMES)('%s: the Configuration table documents every schema field, and names no other', (_, text) => {
    const table = configTable(text);
    expect(table.length).toBeGreaterThan(10);
    expect(undocumentedFields(fields.leaves, table)).toEqual([]);
    expect(unknownTableFields(table, fields)).toEqual([]);
  });

  it('help: the Configuration section lists exactly the schema fields', () => {
    expect(helpFieldDiff(HELP, fields)).toEqual({ missing: [], unknown: [] });
  });

  it('fails when a field is renamed, added or dropped without the docs', () => {
    const renamedDoc = configTable(README_JA.replace('| `service.privateDns` |', '| `service.privateDnz` |'));
    expect(undocumentedFields(fields.leaves, renamedDoc)).toEqual(['service.privateDns']);
    expect(unknownTableFields(renamedDoc, fields)).toEqual(['service.privateDnz']);
    const table = configTable(README);
    expect(undocumentedFields([...fields.leaves, 'observability.tracing', 'customers[].tags'], table)).toEqual(['observability.tracing', 'customers[].tags']);
    const noHostname = configTable(README.replace(', `hostname`)', ')'));
    expect(undocumentedFields(fields.leaves, noHostname)).toEqual(['backend.hostname']);
    const noBurst = configTable(README.replace(', `.burstLimit`', ''));
    expect(undocumentedFields(fields.leaves, noBurst)).toEqual(['observability.throttling.burstLimit']);

    expect(helpFieldDiff(HELP.replace(',\n    privateDns, network.', ',\n    network.'), fields).missing).toEqual(['service.privateDns']);
    expect(helpFieldDiff(HELP.replace(', callers}', '}'), fields).missing).toEqual(['customers[].callers']);
    expect(helpFieldDiff(HELP.replace('rateLimit,', 'rateLimits,'), fields)).toEqual({
      missing: ['observability.throttling.rateLimit'],
      unknown: ['observability.throttling.rateLimits'],
    });
  });
});

describe('docs: outputs', () => {
  const declared = declaredOutputs();

  it.each(READMES)('every output %s lists is declared by a stack', (_, text) => {
    const outputs = documentedOutputs(text);
    expect(outputs).toEqual(expect.arrayContaining(['ssm_session_command', 'curl', 'curl_custom_domain', 'api_id', 'nlb_dns_name']));
    expect(outputs.filter((o) => !declared.has(o))).toEqual([]);
  });

  it('fails on a renamed output', () => {
    expect(documentedOutputs(README.replace('`invoke_url`', '`invoke_uri`')).filter((o) => !declared.has(o))).toEqual(['invoke_uri']);
    expect(documentedOutputs(README.replace('`<customer>.curl_<k>`', '`<customer>.curls_<k>`')).filter((o) => !declared.has(o))).toEqual(['curls_<k>']);
  });

  it('reads the per-API output names from what the stacks synthesize, as the docs write them', () => {
    expect([...declared]).toEqual(expect.arrayContaining(['api_id', 'api_id_<k>', 'curl_through_nlb', 'curl_through_nlb_<k>', 'nlb_dns_name', 'peering_status']));
  });
});

describe('docs: figures', () => {
  it.each(DOCS)('%s glues no figure to the text after it', (_, text) => {
    expect(gluedFigures(text)).toEqual([]);
  });

  it('fails on a figure glued to the text after it, not on units, versions or names', () => {
    expect(gluedFigures('| synth | 4.4 s50 | ≤ 2× |')).toEqual(['4.4 s50']);
    expect(gluedFigures('0.8–0.9 s (the commit before: 0.8 s on the same machine)50 |')).toEqual(['machine)50']);
    expect(gluedFigures('waits 2.5sapart, 12 s3')).toEqual(['2.5sapart', '12 s3']);
    expect(gluedFigures('8.4–9.1 s, 10 s apart, 2 stacks, 1.5 GB, ≤ 2×, t3.micro, apne1-az4, x86_64, 600 s。 `4.4 s50` (1)')).toEqual([]);
    expect(gluedFigures('```\n4.4 s50\n```')).toEqual([]);
  });
});

describe('docs: paths and links', () => {
  it.each(READMES)('every repository path %s names exists', (_, text) => {
    const named = namedPaths(text);
    expect(named).toEqual(expect.arrayContaining(['modules/network.ts', 'e2e/moto_server.py', 'lambda/hello/index.py', '.checkov.yaml', 'examples/*.json', 'help']));
    expect(missingPaths(text)).toEqual([]);
  });

  it('fails on a renamed path', () => {
    expect(missingPaths(README.replace('`modules/network.ts`', '`modules/networks.ts`'))).toEqual(['modules/networks.ts']);
    expect(missingPaths('`examples/*.yaml` `.checkov.yml` `cdktf.out/stacks/` `10.0.0.0/16` `@cdktf/provider-aws` `/ping`')).toEqual([
      'examples/*.yaml',
      '.checkov.yml',
    ]);
  });

  it('each README links to the other', () => {
    expect(linkTargets(README)).toContain('README.ja.md');
    expect(linkTargets(README_JA)).toContain('README.md');
    expect(linkTargets(README_JA.replace('](README.md)', ']()'))).not.toContain('README.md');
  });
});

describe('docs: README.ja.md follows README.md', () => {
  const headingLevels = (md: string) => [...splitFences(md).prose.matchAll(/^(#+) /gm)].map((m) => m[1].length);
  const tableShapes = (md: string) => tables(md).map((t) => t.map((row) => row.length));
  const codeBlocks = (md: string) => splitFences(md).fences.filter((f) => f.lang !== 'mermaid');

  it('has the same sections, tables (rows and columns), code blocks and mermaid diagrams', () => {
    expect(headingLevels(README_JA)).toEqual(headingLevels(README));
    expect(tableShapes(README_JA)).toEqual(tableShapes(README));
    expect(codeBlocks(README_JA)).toEqual(codeBlocks(README));
    expect(splitFences(README_JA).fences.map((f) => f.lang)).toEqual(splitFences(README).fences.map((f) => f.lang));
    expect(README_JA.match(/BENCH_\w+/g)).toEqual(README.match(/BENCH_\w+/g));
  });

  it('keeps every command, path, field and output name of README.md (its code spans) verbatim', () => {
    const ja = new Set(codeSpans(README_JA));
    expect(codeSpans(README).filter((span) => !ja.has(span))).toEqual([]);
  });

  it('quotes the flowchart labels of its mermaid diagrams', () => {
    for (const { body } of splitFences(README_JA).fences.filter((f) => f.lang === 'mermaid' && /^flowchart/.test(f.body))) {
      // Node labels ["…"] and edge labels -- "…" --> / -. "…" .-> are quoted unless they are one plain word.
      const unquoted = [...body.matchAll(/\w\[(?!")[^\]]*\]|--\s+(?!")[^->]*[^\w\s][^->]*-->/g)].map((m) => m[0]);
      expect(unquoted).toEqual([]);
    }
  });
});
