/** Availability zone IDs (`apne1-az4`), known at synth. */

/** Highest AZ number `azIds` may hold: subnets are /prefix+4 and each AZ takes the slot of its number (0–15). */
export const MAX_AZ_NUMBER = 15;

/** `apne1-az4` → 4: the AZ's subnet slot, so a subnet's CIDR depends on its AZ, not on its place in `azIds`. */
export function azNumber(id: string): number {
  return Number(/-az(\d+)$/.exec(id)?.[1] ?? Number.NaN);
}
