// A question's text that follows the network: `{h1.activation}` in a prompt is h1's activation as
// the network has it now ("h1 uses {h1.activation}." reads "h1 uses ReLU." once h1 became ReLU),
// so a lesson's questions never state a fact the class has since changed. Pure; the lesson page
// resolves prompts against the lab on screen, a round against the network it opened on.
import { ACTIVATION_NAMES } from "../format";
import { neuronName } from "../lab/names";
import { neuronActivation } from "../network/model";
import type { Network } from "../network/schema";
import type { LocalizedText } from "./schema";

const TOKEN = /\{([^{}.\s]{1,64})\.activation\}/g;

/** `text` with every `{name.activation}` of a neuron of `network` filled in (unknown names stay). */
export function resolvePrompt(text: string, network: Network): string {
  if (!text.includes("{")) return text;
  const activations = new Map<string, string>();
  network.layers.forEach((layer, l) =>
    layer.neurons.forEach((neuron, j) =>
      activations.set(neuronName(network, l, j), ACTIVATION_NAMES[neuronActivation(layer, neuron)].symbol),
    ),
  );
  return text.replace(TOKEN, (token, name: string) => activations.get(name) ?? token);
}

/** Every language of a prompt, resolved. */
export function resolveLocalized(text: LocalizedText, network: Network): LocalizedText {
  return Object.fromEntries(
    Object.entries(text).map(([locale, value]) => [
      locale,
      value === undefined ? value : resolvePrompt(value, network),
    ]),
  ) as LocalizedText;
}
