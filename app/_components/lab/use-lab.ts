"use client";
// The lab's state: a LabState (network + input values) inside an undo history, changed only by
// Edits through the shared parseAndApplyEdit (the same rules a live session's server applies).
// A refused edit changes nothing and is reported. Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and
// Ctrl+Y redo (except while typing in a text field, which keeps its own undo).
import { useCallback, useEffect, useReducer } from "react";
import { canRedo, canUndo, commit, createHistory, redo, seal, undo, type History } from "@/lib/lab/history";
import { parseAndApplyEdit, type Edit, type LabState } from "@/lib/network/ops";
import type { Refusal } from "@/lib/validation";

interface Model {
  history: History<LabState>;
  refusal: Refusal | null;
}

type Action =
  | { type: "edit"; edits: readonly Edit[]; key?: string; gesture?: boolean; at: number }
  | { type: "seal" }
  | { type: "undo" }
  | { type: "redo" };

function reducer(model: Model, action: Action): Model {
  switch (action.type) {
    case "edit": {
      let state = model.history.present;
      for (const edit of action.edits) {
        const result = parseAndApplyEdit(state, edit);
        if (!result.ok) return { ...model, refusal: result.error };
        state = result.state;
      }
      // a pointer gesture's step stays open until it is sealed, however long the pointer rests
      const open = model.history.group;
      const at = action.gesture && open !== null && open.key === action.key ? open.at : action.at;
      return { history: commit(model.history, state, { key: action.key, at }), refusal: null };
    }
    case "seal":
      return { ...model, history: seal(model.history) };
    case "undo":
      return { history: undo(model.history), refusal: null };
    case "redo":
      return { history: redo(model.history), refusal: null };
  }
}

export interface EditOptions {
  /** edits with the same key in a row (a slider drag) undo as one step */
  key?: string;
  /**
   * With `key`: part of a pointer gesture (a drag on the graph) that is always sealed when it ends,
   * so its step stays open however long the pointer rests in between (no coalescing window).
   */
  gesture?: boolean;
}

export interface Lab {
  state: LabState;
  /** apply one edit, or several as one undo step */
  edit(edit: Edit | readonly Edit[], options?: EditOptions): void;
  /** the gesture ended (pointer released): the next edit is a new undo step */
  seal(): void;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
  /** why the last edit was not applied, until the next successful one */
  refusal: Refusal | null;
}

/** True when the key event should be left to a text field (its own undo). */
function typingInTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !["range", "checkbox", "radio", "button"].includes(target.type);
}

export function useLab(initial: LabState): Lab {
  const [model, dispatch] = useReducer(reducer, initial, (state): Model => ({
    history: createHistory(state),
    refusal: null,
  }));

  const edit = useCallback((edits: Edit | readonly Edit[], options: EditOptions = {}) => {
    dispatch({
      type: "edit",
      edits: Array.isArray(edits) ? edits : [edits as Edit],
      key: options.key,
      gesture: options.gesture,
      at: performance.now(),
    });
  }, []);
  const sealHistory = useCallback(() => dispatch({ type: "seal" }), []);
  const undoEdit = useCallback(() => dispatch({ type: "undo" }), []);
  const redoEdit = useCallback(() => dispatch({ type: "redo" }), []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || typingInTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        dispatch({ type: "undo" });
      } else if ((key === "z" && event.shiftKey) || (key === "y" && !event.shiftKey)) {
        event.preventDefault();
        dispatch({ type: "redo" });
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return {
    state: model.history.present,
    edit,
    seal: sealHistory,
    undo: undoEdit,
    redo: redoEdit,
    canUndo: canUndo(model.history),
    canRedo: canRedo(model.history),
    refusal: model.refusal,
  };
}
