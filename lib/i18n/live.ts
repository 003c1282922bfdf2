// The live session's UI text (teacher, projector and student pages), in its own typed dictionary so
// it never clashes with edits of the main ones (en.ts, zh-CN.ts). Same rules: English is the
// reference, every other language must have every key (LiveMessages), `{name}` is a placeholder.
import type { Locale } from "../exercise/schema";

export const liveEn = {
  // ---------- shared
  "live.code": "Join code",
  "live.qr": "QR code that opens {url}",
  "live.connecting": "Connecting to the session…",
  "live.joining": "Joining…",
  "live.reconnecting": "Connection lost. Reconnecting…",
  "live.teacherOffline": "The teacher is offline at the moment.",
  "live.home": "Home",
  "live.sharedNetwork": "Shared network",
  "live.sandboxOf": "{name}'s sandbox",
  "live.dismiss": "Dismiss",
  "live.here": "{n} here",

  // ---------- modes
  "mode.title": "Who edits",
  "mode.teacher": "Teacher drives",
  "mode.everyone": "Everyone edits",
  "mode.sandbox": "Sandbox",
  "mode.teacher.hint": "Students watch and inspect.",
  "mode.everyone.hint": "Students change values in the shared network.",
  "mode.sandbox.hint": "Each student edits a private copy.",

  // ---------- why a control is disabled
  "reason.read_only": "The teacher is driving: watch and inspect.",
  "reason.locked": "Locked by the teacher.",
  "reason.shape": "Only the teacher changes the network's shape (sandbox mode allows it).",
  "reason.spotlight": "Everyone is looking at {name}'s sandbox.",
  "reason.offline": "Not connected: reconnecting…",
  "reason.not_allowed": "Only the teacher can do that.",
  "reason.round_open": "A prediction round is open: the network is frozen until it closes.",

  // ---------- refused actions
  "refused.title": "Not applied",
  "refused.stale": "The network changed meanwhile: you now see the latest version.",
  "refused.invalid_edit": "That change does not fit the network: {message}",
  "refused.rate_limited": "Too many changes at once: slow down a little.",
  "refused.unavailable": "The server could not save that change. Try again.",
  "refused.session_ended": "This session has ended.",
  "refused.not_joined": "You are not in the session any more. Joining again…",
  "refused.no_sandbox": "This student has not changed their sandbox yet.",
  "refused.no_such_participant": "This student has left the session.",
  "refused.other": "{message}",

  // ---------- join refusals
  "join.invalid_nickname": "This nickname cannot be used: {message}",
  "join.session_full": "This session is full.",
  "join.joining_closed": "The teacher has closed this session to new students. Ask them to let you in.",
  "join.no_such_session": "There is no live session with the code {code}.",
  "join.session_ended": "This session has ended.",
  "join.wrong_teacher_key": "This key does not open session {code}.",
  "join.unsupported_protocol": "This page is out of date: reload it.",
  "join.other": "Could not join: {message}",

  // ---------- the join form (/s)
  "joinForm.title": "Join a live session",
  "joinForm.intro": "Type the code on your teacher's screen.",
  "joinForm.code": "Session code",
  "joinForm.hint": "6 letters and digits, e.g. K7PQ2M",
  "joinForm.submit": "Join",
  "joinForm.invalid": "A session code has 6 letters and digits (no 0, O, 1, I or L).",

  // ---------- student
  "student.kicker": "Live session {code}",
  "student.name.title": "Choose a nickname",
  "student.name.intro": "The class sees it on the teacher's screen. No account needed.",
  "student.name.label": "Your nickname",
  "student.name.hint": "At most 24 characters.",
  "student.name.submit": "Join the class",
  "student.you": "You are {name}",
  "student.sandbox.badge": "Your sandbox",
  "student.sandbox.text": "Your changes are private. The teacher sees a thumbnail of your network.",
  "student.sandbox.reset": "Reset to the shared network",
  "student.spotlight": "The teacher is showing {name}'s sandbox to everyone.",
  "student.spotlight.you": "The teacher is showing your sandbox to everyone!",
  "student.removed.title": "You were removed from this session",
  "student.removed.text": "The teacher removed you. Ask them if you think this is a mistake.",
  "student.ended.title": "This session has ended",
  "student.ended.text": "Thank you for taking part. You can keep exploring the lessons.",
  "student.failed.title": "Could not join",
  "student.joinOther": "Join another session",

  // ---------- teacher
  "teacher.kicker": "Live session · teacher",
  "teacher.projector": "Projector view",
  "save.title": "Keep what the class built",
  "save.hint": "Saves the shared network as it is now as a new exercise, with the prepared rounds that still fit it.",
  "save.rounds": "{kept} prepared rounds kept; {dropped} left out (they no longer fit the network).",
  "teacher.controls": "Teacher controls",
  "teacher.end": "End session",
  "teacher.end.confirm": "End the session for everyone? Students can no longer join or edit.",
  "teacher.ended.title": "The session has ended",
  "teacher.ended.text": "Students see that the session is over. Start a new one from any lesson.",
  "teacher.needKey.title": "Teacher key needed",
  "teacher.needKey.text":
    "This browser does not hold the teacher key of session {code}. Paste the key to continue here, or start a new session from a lesson.",
  "teacher.needKey.label": "Teacher key",
  "teacher.needKey.submit": "Open as teacher",
  "teacher.failed.title": "Could not open the session",

  // ---------- roster
  "roster.title": "Students ({n})",
  "roster.empty": "No one has joined yet.",
  "roster.online": "online",
  "roster.offline": "offline",
  "roster.remove": "Remove",
  "roster.remove.aria": "Remove {name}",
  "roster.remove.confirm": "Remove {name} from the session? They cannot come back with this name's place.",
  "roster.count": "{online} of {total} online",
  "roster.joining": "New students may join",
  "join.closedNote": "Closed to new students",

  // ---------- locks
  "locks.title": "Locks",
  "locks.intro": "Locked parts cannot be changed by students, in any mode.",
  "locks.none": "Nothing is locked.",
  "locks.select": "Select a neuron or a connection in the network to lock it.",
  "locks.lock": "Lock {what}",
  "locks.unlock": "Unlock {what}",
  "locks.neuron": "neuron {name}",
  "locks.weight": "connection {from} → {to}",
  "locks.layer": "{layer}",
  "locks.inputs": "the inputs",

  // ---------- sandboxes
  "sandboxes.title": "Sandboxes",
  "sandboxes.hint": "Switch to Sandbox mode: each student then edits a private copy, shown here.",
  "sandboxes.empty": "No student has changed their copy yet.",
  "sandboxes.spotlight": "Show to all",
  "sandboxes.spotlight.aria": "Show {name}'s sandbox on every screen",
  "sandboxes.stop": "Stop showing",
  "sandboxes.adopt": "Adopt",
  "sandboxes.adopt.aria": "Make {name}'s network the shared network",
  "sandboxes.adopt.confirm": "Replace the shared network with {name}'s?",
  "sandboxes.thumbnail": "{name}'s network: output {output}",
  "sandboxes.shown": "On every screen",

  // ---------- spotlight (teacher)
  "spotlight.teacher": "Every screen shows {name}'s sandbox.",

  // ---------- start / join buttons
  "start.button": "Start a live session",
  "start.blank": "Start a live session (blank network)",
  "start.starting": "Starting…",
  "start.hint": "Students join from their phones with a code; everyone sees this network live.",
  "start.error": "Could not start a session: {message}",
  "home.live.title": "Live class",
  "home.live.text": "Teachers start a session from any lesson; students join with the code.",
} as const;

export type LiveMessageKey = keyof typeof liveEn;
export type LiveMessages = { readonly [K in LiveMessageKey]: string };

export const liveZhCN: LiveMessages = {
  "live.code": "加入码",
  "live.qr": "打开 {url} 的二维码",
  "live.connecting": "正在连接课堂…",
  "live.joining": "正在加入…",
  "live.reconnecting": "连接已断开，正在重新连接…",
  "live.teacherOffline": "老师暂时不在线。",
  "live.home": "首页",
  "live.sharedNetwork": "共享网络",
  "live.sandboxOf": "{name} 的沙盒",
  "live.dismiss": "关闭",
  "live.here": "{n} 人在线",

  "mode.title": "谁可以编辑",
  "mode.teacher": "老师操作",
  "mode.everyone": "全员编辑",
  "mode.sandbox": "沙盒",
  "mode.teacher.hint": "学生观看并查看计算。",
  "mode.everyone.hint": "学生可以修改共享网络中的数值。",
  "mode.sandbox.hint": "每个学生编辑自己的副本。",

  "reason.read_only": "现在由老师操作：请观看并查看计算。",
  "reason.locked": "已被老师锁定。",
  "reason.shape": "只有老师可以改变网络结构（沙盒模式下可以）。",
  "reason.spotlight": "大家正在看 {name} 的沙盒。",
  "reason.offline": "未连接：正在重新连接…",
  "reason.not_allowed": "只有老师可以这样做。",
  "reason.round_open": "预测题进行中：网络在本题结束前保持不变。",

  "refused.title": "未生效",
  "refused.stale": "网络刚刚被修改过：现在显示的是最新版本。",
  "refused.invalid_edit": "这个修改不适用于当前网络：{message}",
  "refused.rate_limited": "修改太频繁了，请慢一点。",
  "refused.unavailable": "服务器未能保存这个修改，请重试。",
  "refused.session_ended": "课堂已结束。",
  "refused.not_joined": "你已不在课堂中，正在重新加入…",
  "refused.no_sandbox": "这位学生还没有修改自己的沙盒。",
  "refused.no_such_participant": "这位学生已离开课堂。",
  "refused.other": "{message}",

  "join.invalid_nickname": "这个昵称不能使用：{message}",
  "join.session_full": "这个课堂已满。",
  "join.joining_closed": "老师已关闭这个课堂，新学生暂时不能加入。请让老师为你开放。",
  "join.no_such_session": "没有加入码为 {code} 的课堂。",
  "join.session_ended": "课堂已结束。",
  "join.wrong_teacher_key": "这个密钥不能打开课堂 {code}。",
  "join.unsupported_protocol": "页面版本过旧，请刷新。",
  "join.other": "无法加入：{message}",

  "joinForm.title": "加入课堂",
  "joinForm.intro": "输入老师屏幕上的加入码。",
  "joinForm.code": "加入码",
  "joinForm.hint": "6 位字母和数字，例如 K7PQ2M",
  "joinForm.submit": "加入",
  "joinForm.invalid": "加入码由 6 位字母和数字组成（不含 0、O、1、I、L）。",

  "student.kicker": "课堂 {code}",
  "student.name.title": "取一个昵称",
  "student.name.intro": "全班会在老师的屏幕上看到它。无需注册。",
  "student.name.label": "你的昵称",
  "student.name.hint": "最多 24 个字符。",
  "student.name.submit": "加入课堂",
  "student.you": "你是 {name}",
  "student.sandbox.badge": "你的沙盒",
  "student.sandbox.text": "你的修改只有你自己能看到。老师能看到你的网络缩略图。",
  "student.sandbox.reset": "恢复为共享网络",
  "student.spotlight": "老师正在向全班展示 {name} 的沙盒。",
  "student.spotlight.you": "老师正在向全班展示你的沙盒！",
  "student.removed.title": "你已被移出课堂",
  "student.removed.text": "老师把你移出了课堂。如果这是误操作，请告诉老师。",
  "student.ended.title": "课堂已结束",
  "student.ended.text": "感谢参与！你可以继续探索其他课程。",
  "student.failed.title": "无法加入",
  "student.joinOther": "加入其他课堂",

  "teacher.kicker": "课堂 · 老师",
  "teacher.projector": "投影视图",
  "save.title": "保存全班的成果",
  "save.hint": "把现在的共享网络另存为新练习，并保留仍然适用的预设题目。",
  "save.rounds": "保留了 {kept} 道预设题目；{dropped} 道已不适用于现在的网络，未保留。",
  "teacher.controls": "老师控制台",
  "teacher.end": "结束课堂",
  "teacher.end.confirm": "要为所有人结束课堂吗？学生将无法再加入或编辑。",
  "teacher.ended.title": "课堂已结束",
  "teacher.ended.text": "学生会看到课堂已结束。可以从任意课程开始新的课堂。",
  "teacher.needKey.title": "需要老师密钥",
  "teacher.needKey.text": "这个浏览器没有课堂 {code} 的老师密钥。粘贴密钥即可在这里继续，或从某个课程开始新的课堂。",
  "teacher.needKey.label": "老师密钥",
  "teacher.needKey.submit": "以老师身份打开",
  "teacher.failed.title": "无法打开课堂",

  "roster.title": "学生（{n}）",
  "roster.empty": "还没有人加入。",
  "roster.online": "在线",
  "roster.offline": "离线",
  "roster.remove": "移出",
  "roster.remove.aria": "移出 {name}",
  "roster.remove.confirm": "要把 {name} 移出课堂吗？对方将无法以这个身份回来。",
  "roster.count": "{total} 人中 {online} 人在线",
  "roster.joining": "允许新学生加入",
  "join.closedNote": "暂不接受新学生加入",

  "locks.title": "锁定",
  "locks.intro": "被锁定的部分在任何模式下学生都不能修改。",
  "locks.none": "没有锁定任何内容。",
  "locks.select": "在网络中选中一个神经元或连接即可锁定它。",
  "locks.lock": "锁定{what}",
  "locks.unlock": "解锁{what}",
  "locks.neuron": "神经元 {name}",
  "locks.weight": "连接 {from} → {to}",
  "locks.layer": "{layer}",
  "locks.inputs": "输入",

  "sandboxes.title": "沙盒",
  "sandboxes.hint": "切换到沙盒模式后，每个学生编辑自己的副本，并显示在这里。",
  "sandboxes.empty": "还没有学生修改自己的副本。",
  "sandboxes.spotlight": "展示给全班",
  "sandboxes.spotlight.aria": "在所有屏幕上展示 {name} 的沙盒",
  "sandboxes.stop": "停止展示",
  "sandboxes.adopt": "采用",
  "sandboxes.adopt.aria": "把 {name} 的网络设为共享网络",
  "sandboxes.adopt.confirm": "要用 {name} 的网络替换共享网络吗？",
  "sandboxes.thumbnail": "{name} 的网络：输出 {output}",
  "sandboxes.shown": "正在展示",

  "spotlight.teacher": "所有屏幕都在显示 {name} 的沙盒。",

  "start.button": "开始课堂",
  "start.blank": "开始课堂（空白网络）",
  "start.starting": "正在开始…",
  "start.hint": "学生用手机输入加入码即可加入；所有人实时看到同一个网络。",
  "start.error": "无法开始课堂：{message}",
  "home.live.title": "课堂互动",
  "home.live.text": "老师可以从任意课程开始课堂；学生输入加入码加入。",
};

export const LIVE_DICTIONARIES: Record<Locale, LiveMessages> = { en: liveEn, "zh-CN": liveZhCN };

/** The live text of `key` in `locale`, with `{name}` placeholders filled in from `params`. */
export function translateLive(locale: Locale, key: LiveMessageKey, params?: Record<string, string | number>): string {
  const template = LIVE_DICTIONARIES[locale][key] ?? liveEn[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}
