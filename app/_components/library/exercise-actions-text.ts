// The words of the exercise library UI (save, share, fork, export, import, the library page) in
// English and Simplified Chinese. Kept beside the components that use them, so the library can
// change without touching the app's dictionaries. Pure: usable on the server (page titles) and in
// the browser (useLibraryText, which follows the page's LocaleProvider).
import type { Locale } from "@/lib/i18n";

const en = {
  "actions.heading": "Save and share",
  "actions.saveNew": "Save as new…",
  "actions.saveChanges": "Save changes",
  "actions.fork": "Fork",
  "actions.export": "Export JSON",
  "actions.import": "Import…",
  "actions.forkedFrom": "Forked from",
  "actions.builtInNote": "Built-in lessons stay as they are: fork this one or save your version as new.",
  "actions.noKeyNote": "Only the browser that saved this exercise can save changes to it. Fork it to keep yours.",
  "actions.form.title": "Title",
  "actions.form.description": "Description",
  "actions.form.author": "Your name (optional)",
  "actions.form.unlisted": "Unlisted: only people with the link or code can open it",
  "actions.form.save": "Save",
  "actions.form.cancel": "Cancel",
  "actions.working": "Working…",
  "actions.done.created": "Saved as a new exercise.",
  "actions.done.forked": "Forked: this copy is yours to change.",
  "actions.done.imported": "Imported and saved.",
  "actions.done.updated": "Changes saved (revision {revision}).",
  "actions.share.link": "Share link",
  "actions.share.code": "Code",
  "actions.share.copy": "Copy link",
  "actions.share.copied": "Copied",
  "actions.share.open": "Open it",
  "actions.share.keyNote":
    "Anyone with the link or code can open and fork it. Only this browser can save changes: it keeps the edit key.",
  "actions.error.conflict":
    "Not saved: someone saved a newer version (revision {revision}) after you opened this one. Reload the page to see it, or fork to keep your version.",
  "actions.error.wrongKey": "Not saved: this browser's edit key is not the key of this exercise.",
  "actions.error.other": "Not done: {message}",
  "import.heading": "Import an exercise",
  "import.intro":
    "Choose an exercise file (.json, as Export JSON makes it) or paste its text. It is checked here before anything is saved.",
  "import.file": "Exercise file",
  "import.paste": "…or paste the JSON",
  "import.submit": "Check and save",
  "import.empty": "Choose a file or paste JSON first.",
  "import.invalid": "This is not a valid exercise: {message}",
  "library.title": "Exercise library",
  "library.intro":
    "The built-in lessons, then exercises that teachers have shared. Open one to try it; fork it to make it yours.",
  "library.search": "Search by title",
  "library.sort": "Sort",
  "library.sort.newest": "Newest",
  "library.sort.forks": "Most forked",
  "library.builtIn": "Built-in lesson",
  "library.by": "by {name}",
  "library.forks.one": "1 fork",
  "library.forks.many": "{n} forks",
  "library.empty": "No exercise matches “{q}”.",
  "library.more": "Show more",
  "library.loading": "Loading…",
  "library.error": "The library could not be loaded: {message}",
  "library.code.label": "Open by code",
  "library.code.go": "Open",
  "library.code.notFound": "No exercise has the code “{code}”.",
} as const;

export type LibraryTextKey = keyof typeof en;

const zhCN: { readonly [K in LibraryTextKey]: string } = {
  "actions.heading": "保存与分享",
  "actions.saveNew": "另存为新练习…",
  "actions.saveChanges": "保存修改",
  "actions.fork": "复刻",
  "actions.export": "导出 JSON",
  "actions.import": "导入…",
  "actions.forkedFrom": "复刻自",
  "actions.builtInNote": "内置课程不能修改：请复刻它，或把你的版本另存为新练习。",
  "actions.noKeyNote": "只有保存这个练习的浏览器才能保存修改。复刻一份即可保留你的版本。",
  "actions.form.title": "标题",
  "actions.form.description": "说明",
  "actions.form.author": "你的名字（可选）",
  "actions.form.unlisted": "不公开：只有拿到链接或代码的人才能打开",
  "actions.form.save": "保存",
  "actions.form.cancel": "取消",
  "actions.working": "处理中…",
  "actions.done.created": "已另存为新练习。",
  "actions.done.forked": "已复刻：这份副本归你修改。",
  "actions.done.imported": "已导入并保存。",
  "actions.done.updated": "修改已保存（第 {revision} 版）。",
  "actions.share.link": "分享链接",
  "actions.share.code": "代码",
  "actions.share.copy": "复制链接",
  "actions.share.copied": "已复制",
  "actions.share.open": "打开",
  "actions.share.keyNote": "任何拿到链接或代码的人都能打开并复刻它。只有本浏览器保存着编辑密钥，能保存修改。",
  "actions.error.conflict":
    "未保存：在你打开之后，有人保存了更新的版本（第 {revision} 版）。请刷新页面查看，或复刻一份保留你的版本。",
  "actions.error.wrongKey": "未保存：本浏览器的编辑密钥与这个练习不符。",
  "actions.error.other": "未完成：{message}",
  "import.heading": "导入练习",
  "import.intro": "选择一个练习文件（.json，即“导出 JSON”得到的文件），或粘贴它的内容。保存之前会先在这里检查。",
  "import.file": "练习文件",
  "import.paste": "…或粘贴 JSON",
  "import.submit": "检查并保存",
  "import.empty": "请先选择文件或粘贴 JSON。",
  "import.invalid": "这不是有效的练习：{message}",
  "library.title": "练习库",
  "library.intro": "先是内置课程，然后是老师们分享的练习。打开即可尝试；复刻一份就归你修改。",
  "library.search": "按标题搜索",
  "library.sort": "排序",
  "library.sort.newest": "最新",
  "library.sort.forks": "复刻最多",
  "library.builtIn": "内置课程",
  "library.by": "作者：{name}",
  "library.forks.one": "1 次复刻",
  "library.forks.many": "{n} 次复刻",
  "library.empty": "没有标题包含“{q}”的练习。",
  "library.more": "显示更多",
  "library.loading": "加载中…",
  "library.error": "无法加载练习库：{message}",
  "library.code.label": "按代码打开",
  "library.code.go": "打开",
  "library.code.notFound": "没有代码为“{code}”的练习。",
};

const TEXT: Record<Locale, { readonly [K in LibraryTextKey]: string }> = { en, "zh-CN": zhCN };

export function libraryText(locale: Locale, key: LibraryTextKey, params?: Record<string, string | number>): string {
  const template = TEXT[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}
