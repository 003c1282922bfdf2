import { describe, expect, it } from "vitest";
import {
  activationLabel,
  hasMessage,
  layerLabel,
  lessonSummary,
  localeFromAcceptLanguage,
  localizedRangeSentence,
  pickLocale,
  resolveLocale,
  t,
  translator,
  UI_LOCALES,
} from "../../lib/i18n";
import { CATALOGS } from "../../lib/i18n/catalogs";
import { placeholders } from "../../lib/i18n/define";
import { ACTIVATION_IDS } from "../../lib/network/activations";
import { LOCALES } from "../../lib/exercise/schema";
import { rangeSentence, ACTIVATION_NAMES } from "../../lib/format";
import { LESSONS } from "../../lib/lessons";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";

const sorted = (list: readonly string[]) => [...list].sort();
const namespaces = Object.entries(CATALOGS);

/** Texts that are rightly the same in English and Chinese: names, symbols, a value alone. */
const SAME_IN_EVERY_LANGUAGE: Record<string, RegExp> = {
  site: /^lang\./,
  lab: /^(activation\.(sigmoid|tanh|relu|leaky_relu|softplus)|graph\.(pending|bias))$/,
  live: /^(refused\.other|locks\.layer)$/,
  rounds: /^round\.hidden$/,
  training: /^(optimizer\.(sgd|adam)|status\.none)$/,
};

describe("catalogs", () => {
  it("offer every language an exercise can be written in", () => {
    expect(sorted(UI_LOCALES)).toEqual(sorted(LOCALES));
  });

  it("have every English key, with a non-empty text, in every language of every namespace", () => {
    for (const [namespace, catalog] of namespaces) {
      for (const locale of UI_LOCALES) {
        const texts: Record<string, string> = catalog[locale];
        expect(sorted(Object.keys(texts)), `${namespace} ${locale}`).toEqual(sorted(Object.keys(catalog.en)));
        for (const [key, text] of Object.entries(texts))
          expect(text.trim(), `${namespace} ${locale} ${key}`).not.toBe("");
      }
    }
  });

  it("use the same placeholders in every language", () => {
    for (const [namespace, catalog] of namespaces) {
      const english: Record<string, string> = catalog.en;
      for (const locale of UI_LOCALES) {
        const texts: Record<string, string> = catalog[locale];
        for (const key of Object.keys(english)) {
          expect(sorted(placeholders(texts[key]!)), `${namespace} ${locale} ${key}`).toEqual(
            sorted(placeholders(english[key]!)),
          );
        }
      }
    }
  });

  it("write braces only as placeholders (the rule the types read values with)", () => {
    for (const [namespace, catalog] of namespaces) {
      for (const locale of UI_LOCALES) {
        for (const [key, text] of Object.entries<string>(catalog[locale])) {
          expect(text.replace(/\{\w+\}/g, ""), `${namespace} ${locale} ${key}`).not.toMatch(/[{}]/);
        }
      }
    }
  });

  it("are really translated: the Chinese UI text is Chinese", () => {
    expect(t("zh-CN", "lab", "lab.undo")).toBe("撤销");
    expect(t("zh-CN", "lab", "lab.redo")).toBe("重做");
    for (const [namespace, catalog] of namespaces) {
      const english: Record<string, string> = catalog.en;
      const chinese: Record<string, string> = catalog["zh-CN"];
      const allowed = SAME_IN_EVERY_LANGUAGE[namespace];
      const untranslated = Object.keys(english).filter((key) => chinese[key] === english[key] && !allowed?.test(key));
      expect(untranslated, namespace).toEqual([]);
    }
  });
});

describe("t", () => {
  it("fills in placeholders and leaves unknown ones", () => {
    expect(t("en", "lab", "graph.weight", { from: "x1", to: "h1", value: "0.5" })).toBe("weight from x1 to h1: 0.5");
    expect(t("zh-CN", "lab", "graph.weight", { from: "x1", to: "h1", value: "0.5" })).toBe("从 x1 到 h1 的权重：0.5");
    // @ts-expect-error a missing value is a compile error; at run time its placeholder stays
    expect(t("en", "lab", "graph.weight", { from: "x1" })).toBe("weight from x1 to {to}: {value}");
  });

  it("fills in once: a value that looks like a placeholder is not read again", () => {
    expect(t("en", "live", "live.sandboxOf", { name: "{n}" })).toBe("{n}'s sandbox");
    expect(translator("zh-CN", "live")("roster.title", { n: 3 })).toBe("学生（3）");
  });

  it("refuses unknown namespaces, keys and values at compile time", () => {
    // @ts-expect-error no such key
    expect(t("en", "lab", "lab.nothing")).toBe("lab.nothing");
    // @ts-expect-error the key is in another namespace
    expect(t("en", "live", "lab.undo")).toBe("lab.undo");
    // @ts-expect-error a text without placeholders takes no values
    expect(t("en", "lab", "lab.undo", { n: 1 })).toBe("Undo");
    // @ts-expect-error a value the text does not have
    expect(t("en", "live", "roster.title", { n: 1, m: 2 })).toBe("Students (1)");
  });

  it("names activation functions and their ranges in both languages", () => {
    for (const id of ACTIVATION_IDS) {
      expect(activationLabel("en", id)).toBe(ACTIVATION_NAMES[id].label);
      // the English sentence is exactly lib/format's
      expect(localizedRangeSentence("en", id, ACTIVATION_NAMES[id].symbol)).toBe(rangeSentence(id));
    }
    expect(activationLabel("zh-CN", "linear")).toBe("线性（恒等）");
    expect(localizedRangeSentence("zh-CN", "sigmoid", "sigmoid")).toContain("(0, 1)");
  });

  it("names layers as the graph does", () => {
    const neuron = { weights: [1], bias: 0 };
    const net: Network = {
      format: NETWORK_FORMAT,
      inputs: ["x1"],
      layers: [
        { activation: "relu", neurons: [neuron] },
        { activation: "relu", neurons: [neuron] },
      ],
    };
    expect(layerLabel("en", net, 0)).toBe("hidden layer 1");
    expect(layerLabel("en", net, 0, true)).toBe("hidden 1");
    expect(layerLabel("en", net, 1)).toBe("output layer");
    expect(layerLabel("zh-CN", net, 1)).toBe(t("zh-CN", "lab", "graph.outputLayer"));
  });

  it("gives every built-in lesson its own line in the lesson list, and a new one its first sentence", () => {
    for (const { slug, exercise } of LESSONS) {
      expect(hasMessage("lessons", slug), slug).toBe(true);
      for (const locale of UI_LOCALES) {
        const own: Record<string, string> = CATALOGS.lessons[locale];
        expect(lessonSummary(locale, slug, exercise.description)).toBe(own[slug]);
      }
    }
    expect(lessonSummary("en", "no-such-lesson", "One sentence. Another one.")).toBe("One sentence.");
  });
});

describe("choosing the language", () => {
  it("resolves loose tags", () => {
    expect(resolveLocale("zh-CN")).toBe("zh-CN");
    expect(resolveLocale("zh")).toBe("zh-CN");
    expect(resolveLocale("zh_cn")).toBe("zh-CN");
    expect(resolveLocale("zh-Hans-CN")).toBe("zh-CN");
    expect(resolveLocale("en-GB")).toBe("en");
    expect(resolveLocale("fr")).toBeNull();
    expect(resolveLocale("")).toBeNull();
    expect(resolveLocale(undefined)).toBeNull();
  });

  it("reads Accept-Language by quality", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("fr-FR, en;q=0.5, zh;q=0.7")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("de, fr")).toBeNull();
    expect(localeFromAcceptLanguage("zh;q=0, en")).toBe("en");
  });

  it("prefers ?lang=, then the cookie, then the browser, then English", () => {
    expect(pickLocale({ query: "zh-CN", cookie: "en", acceptLanguage: "en" })).toBe("zh-CN");
    expect(pickLocale({ query: "xx", cookie: "zh-CN" })).toBe("zh-CN");
    expect(pickLocale({ acceptLanguage: "zh-TW,zh;q=0.9" })).toBe("zh-CN");
    expect(pickLocale({})).toBe("en");
  });
});
