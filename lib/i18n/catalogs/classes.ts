// "My classes" (the sessions a teacher ran in this browser, their keys carried to another device)
// and the teacher's page once a session has ended: where every result is found again.
import { defineCatalog } from "../define";

export const classes = defineCatalog({
  en: {
    "classes.title": "My classes",
    "classes.intro":
      "The live sessions started in this browser. Each one's report, CSV files and network stay here; nothing is kept on a server account.",
    "classes.none": "No sessions started in this browser yet. Start one from any lesson.",
    "classes.untitled": "Session {code}",
    "classes.unknownDate": "date not known",
    "classes.open": "Teacher page",
    "classes.report": "Report",
    "classes.forget": "Forget",
    "classes.forget.confirm":
      "Forget session {code} in this browser? Without its teacher key (in an export file, say) its report can no longer be opened here.",
    "classes.carry.title": "On another device",
    "classes.carry.text":
      "The export file holds every session's teacher key: whoever has it can open the reports. Keep it like a password. Import it in the other browser's “My classes”.",
    "classes.export": "Export keys (file)",
    "classes.import": "Import keys…",
    "classes.imported": "{n} sessions imported.",
    "classes.importError": "This file could not be read: {message}",
    "classes.link": "My classes",
    // ---------- the teacher's page after the end
    "ended.results": "The results",
    "ended.report": "Open the report",
    "ended.csvAnswers": "Answers (CSV)",
    "ended.csvStudents": "Students (CSV)",
    "ended.csvError": "The file could not be downloaded: {message}",
    "ended.noKey": "This browser holds no teacher key for this session: open the report with the key.",
    "ended.later": "Find this session again later on “My classes”.",
  },
  "zh-CN": {
    "classes.title": "我的课堂",
    "classes.intro": "在此浏览器中开始的课堂。每节课的报告、CSV 文件和网络都可在此找到；服务器上不保存账户。",
    "classes.none": "此浏览器中还没有开始过课堂。可以从任意课程开始。",
    "classes.untitled": "课堂 {code}",
    "classes.unknownDate": "日期未知",
    "classes.open": "教师页面",
    "classes.report": "报告",
    "classes.forget": "移除",
    "classes.forget.confirm":
      "在此浏览器中移除课堂 {code}？如果没有它的教师密钥（例如在导出文件中），就无法在这里打开它的报告。",
    "classes.carry.title": "在另一台设备上",
    "classes.carry.text":
      "导出文件包含每节课的教师密钥：拿到它的人都能打开报告。请像密码一样保管，并在另一台浏览器的“我的课堂”中导入。",
    "classes.export": "导出密钥（文件）",
    "classes.import": "导入密钥…",
    "classes.imported": "已导入 {n} 节课。",
    "classes.importError": "无法读取此文件：{message}",
    "classes.link": "我的课堂",
    "ended.results": "结果",
    "ended.report": "打开报告",
    "ended.csvAnswers": "答案（CSV）",
    "ended.csvStudents": "学生（CSV）",
    "ended.csvError": "无法下载文件：{message}",
    "ended.noKey": "此浏览器没有这节课的教师密钥：请用密钥打开报告。",
    "ended.later": "以后可以在“我的课堂”中再次找到这节课。",
  },
});
