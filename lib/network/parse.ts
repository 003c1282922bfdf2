import { networkSchema, type Network } from "./schema";
import { parseWith, type Parsed } from "../validation";

/** Validates an untrusted network; refusals carry code `invalid_network` and the field's path. */
export function parseNetwork(input: unknown): Parsed<Network> {
  return parseWith(networkSchema, "invalid_network", input);
}
