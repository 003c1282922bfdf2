// Refusals (lib/session/rules permission(), action acks, join acks) as sentences for the live
// pages, in the current language. The server's own message is English: shown only where it adds a
// detail (a nickname's problem, an edit that does not fit).
import type { Edit } from "@/lib/network/ops";
import { isStructuralEdit } from "@/lib/session/rules";
import type { Refusal } from "@/lib/validation";
import type { Translator } from "@/lib/i18n";

/** Why an edit (or action) is not allowed, as shown by its control or in the "not applied" notice. */
export function refusalText(lt: Translator<"live">, refusal: Refusal, edit?: Edit): string {
  switch (refusal.code) {
    case "read_only":
      return lt("reason.read_only");
    case "locked":
      return lt("reason.locked");
    case "round_open":
      return lt("reason.round_open");
    case "not_allowed":
      return edit && isStructuralEdit(edit) ? lt("reason.shape") : lt("reason.not_allowed");
    case "offline":
    case "timeout":
      return lt("reason.offline");
    case "stale":
      return lt("refused.stale");
    case "invalid_edit":
      return lt("refused.invalid_edit", { message: refusal.message });
    case "rate_limited":
      return lt("refused.rate_limited");
    case "unavailable":
      return lt("refused.unavailable");
    case "session_ended":
      return lt("refused.session_ended");
    case "not_joined":
      return lt("refused.not_joined");
    case "no_sandbox":
      return lt("refused.no_sandbox");
    case "no_such_participant":
      return lt("refused.no_such_participant");
    default:
      return lt("refused.other", { message: refusal.message });
  }
}

/** Why a join was refused. */
export function joinRefusalText(lt: Translator<"live">, refusal: Refusal, code: string): string {
  switch (refusal.code) {
    case "invalid_nickname":
      return lt("join.invalid_nickname", { message: refusal.message });
    case "session_full":
      return lt("join.session_full");
    case "joining_closed":
      return lt("join.joining_closed");
    case "no_such_session":
      return lt("join.no_such_session", { code });
    case "session_ended":
      return lt("join.session_ended");
    case "wrong_teacher_key":
      return lt("join.wrong_teacher_key", { code });
    case "unsupported_protocol":
      return lt("join.unsupported_protocol");
    default:
      return lt("join.other", { message: refusal.message });
  }
}
