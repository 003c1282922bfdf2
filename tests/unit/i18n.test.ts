import { describe, expect, it } from "vitest";
import { en } from "../../lib/i18n/en";
import {
  activationLabel,
  DICTIONARIES,
  localeFromAcceptLanguage,
  localizedRangeSentence,
  pickLocale,
  resolveLocale,
  translate,
  UI_LOCALES,
} from "../../lib/i18n";
import { ACTIVATION_IDS } from "../../lib/network/activations";
import { LOCALES } from "../../lib/exercise/schema";
import { rangeSentence, ACTIVATION_NAMES } from "../../lib/format";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dictionaries", () => {
  it("offer every language an exercise can be written in", () => {
    expect([...UI_LOCALES].sort()).toEqual([...LOCALES].sort());
  });

  it("have every English key, with a non-empty text, in every language", () => {
    for (const locale of UI_LOCALES) {
      const dictionary = DICTIONARIES[locale];
      expect(Object.keys(dictionary).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(dictionary)) expect(text.trim(), `${locale} ${key}`).not.toBe("");
    }
  });

  it("use the same placeholders in every language", () => {
    for (const locale of UI_LOCALES) {
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(placeholders(DICTIONARIES[locale][key]), `${locale} ${key}`).toEqual(placeholders(en[key]));
      }
    }
  });

  it("are really translated: the Chinese UI text is Chinese", () => {
    const zh = DICTIONARIES["zh-CN"];
    expect(zh["lab.undo"]).toBe("撤销");
    expect(zh["lab.redo"]).toBe("重做");
    const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter(
      (key) =>
        zh[key] === en[key] &&
        !/^(lang\.|activation\.(sigmoid|tanh|relu|leaky_relu|softplus)|graph\.(pending|bias))/.test(key),
    );
    expect(untranslated).toEqual([]);
  });
});

describe("translate", () => {
  it("fills in placeholders and leaves unknown ones", () => {
    expect(translate("en", "graph.weight", { from: "x1", to: "h1", value: "0.5" })).toBe("weight from x1 to h1: 0.5");
    expect(translate("zh-CN", "graph.weight", { from: "x1", to: "h1", value: "0.5" })).toBe("从 x1 到 h1 的权重：0.5");
    expect(translate("en", "graph.weight", { from: "x1" })).toBe("weight from x1 to {to}: {value}");
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
