import { offlineTerraformEnv } from '../../tools/terraform-env';

export interface Toolchain {
  readonly env: Record<string, string> | undefined;
  readonly missing: string | undefined;
}

/**
 * The Terraform CLI and the aws 5.100.0 mirror, or why they are missing. A missing toolchain skips the engine
 * tiers with a loud warning on a developer machine and fails them when REQUIRE_ENGINE=1 (CI sets it).
 */
export function engineToolchain(tier: string, extraProbe?: () => void): Toolchain {
  try {
    const env = offlineTerraformEnv();
    extraProbe?.();
    Object.assign(process.env, env);
    return { env, missing: undefined };
  } catch (error) {
    const missing = (error as Error).message;
    if (process.env.REQUIRE_ENGINE === '1') {
      return { env: undefined, missing };
    }
    process.stderr.write(
      `\n${'!'.repeat(78)}\n!! ${tier} SKIPPED: ${missing}\n!! Set REQUIRE_ENGINE=1 to make this a failure.\n${'!'.repeat(78)}\n\n`,
    );
    return { env: undefined, missing };
  }
}

/** `describe` when the toolchain is there; otherwise a failing test (REQUIRE_ENGINE=1) or a skipped block. */
export function describeEngine(tier: string, body: () => void, extraProbe?: () => void): void {
  const toolchain = engineToolchain(tier, extraProbe);
  if (!toolchain.missing) {
    describe(tier, body);
  } else if (process.env.REQUIRE_ENGINE === '1') {
    describe(tier, () => {
      it('has its toolchain: Terraform CLI, aws provider mirror, Python (REQUIRE_ENGINE=1)', () => {
        throw new Error(toolchain.missing);
      });
    });
  } else {
    describe.skip(tier, body);
  }
}
