// The site's own text: the app's name, the language switch, the home page and the lesson page's frame.
import { defineCatalog } from "../define";

export const site = defineCatalog({
  en: {
    "app.name": "Activation Lab",
    "lang.label": "Language",
    "lang.en": "English",
    "lang.zh-CN": "中文",
    // ---------- home
    "home.lede":
      "How does a neuron work? It weighs its inputs, adds a bias, and passes the sum z through an activation function f. Pick a lesson, change any number, and watch every value follow.",
    "home.lessons.title": "Lessons",
    "home.lessons.intro":
      "Each lesson opens a small network you can edit: every number is computed live in your browser.",
    "home.library.title": "Exercise library",
    "home.library.text": "Exercises saved and shared by teachers",
    "home.neuron.title": "The seed neuron, live",
    "home.neuron.intro":
      "One neuron: move a slider and watch z and the output change. The lessons above take it further.",
    // ---------- the lesson page
    "lesson.home": "All lessons",
    "lesson.builtIn": "Built-in lesson",
    "lesson.saved": "Saved exercise",
    "lesson.loading": "Loading the exercise…",
    "lesson.notFound.title": "Exercise not found",
    "lesson.notFound.text":
      "There is no lesson or saved exercise called “{slug}”. It may have been deleted, or the link may be mistyped.",
    "lesson.loadError": "The exercise could not be loaded: {message}",
    "lesson.invalid": "This exercise is not valid: {message}",
  },
  "zh-CN": {
    "app.name": "激活函数实验室",
    "lang.label": "语言",
    "lang.en": "English",
    "lang.zh-CN": "中文",
    "home.lede":
      "神经元是怎样工作的？它先给每个输入乘上权重并求和，再加上偏置，得到加权和 z，然后把 z 送进激活函数 f。选一节课，改动任意一个数，看看所有的值如何随之变化。",
    "home.lessons.title": "课程",
    "home.lessons.intro": "每节课都会打开一个可以编辑的小网络：所有数值都在你的浏览器里实时计算。",
    "home.library.title": "练习库",
    "home.library.text": "老师们保存并分享的练习",
    "home.neuron.title": "种子神经元（实时）",
    "home.neuron.intro": "一个神经元：拖动滑块，看看 z 和输出怎样变化。上面的课程会更进一步。",
    "lesson.home": "全部课程",
    "lesson.builtIn": "内置课程",
    "lesson.saved": "已保存的练习",
    "lesson.loading": "正在加载练习…",
    "lesson.notFound.title": "找不到这个练习",
    "lesson.notFound.text": "没有名为“{slug}”的课程或已保存的练习。它可能已被删除，也可能是链接输错了。",
    "lesson.loadError": "练习加载失败：{message}",
    "lesson.invalid": "这个练习的格式不正确：{message}",
  },
});
