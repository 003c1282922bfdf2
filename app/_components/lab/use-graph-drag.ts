"use client";
// The network graph's drag layer: pressing a connection or a neuron and moving up or down changes
// its weight or bias (lib/lab/param-drag), with a mouse or a pen at once; by touch only once it is
// selected, so that a swipe across the graph still scrolls the page (only the selected one takes
// touch-action: none). The graph spreads `svgProps` on its svg and `targetProps` on each target.
import {
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type PointerEvent as ReactPointerEvent,
  type RefObject,
} from "react";
import { dragValue, isDrag, paramEdit, paramKey, paramValue, type ParamTarget } from "@/lib/lab/param-drag";
import type { Edit } from "@/lib/network/ops";
import type { Network } from "@/lib/network/schema";
import { sameSelection, type Selection } from "./selection";
import type { Lab } from "./use-lab";

/** Changing weights and biases by dragging on the graph: where the values go. */
export interface GraphDrag {
  /** may `target` be changed now? (live sessions: the check its slider uses) */
  allowed(target: ParamTarget): boolean;
  /** a drag begins (before its first change) */
  start(target: ParamTarget): void;
  /** the new value during a drag: a continuous change, like a slider's */
  change(target: ParamTarget, value: number): void;
  /** the drag ended (released, cancelled): it is one undo step */
  end(): void;
}

/**
 * Dragging on the graph through a Lab's edit path, exactly as the editor's sliders do: the same
 * edits under the same continuous key, and the step sealed on release. `blocked` (live sessions):
 * the editor's check; a target it blocks does not drag.
 */
export function labDrag(lab: Lab, blocked?: ((edit: Edit) => string | null) | null): GraphDrag {
  return {
    allowed(target) {
      const value = paramValue(lab.state.network, target);
      return value !== undefined && (blocked?.(paramEdit(target, value)) ?? null) === null;
    },
    start: () => lab.seal(),
    change: (target, value) => lab.edit(paramEdit(target, value), { key: paramKey(target), gesture: true }),
    end: () => lab.seal(),
  };
}

/** A press on a connection or a neuron that may become a drag. */
interface Press {
  pointerId: number;
  target: ParamTarget;
  x: number;
  y: number;
  start: number;
  /** moved past the slop: a drag, no longer a click */
  dragging: boolean;
  /** the value last sent */
  value: number;
  /** a finger: the page must not scroll meanwhile */
  touch: boolean;
}

/** What a connection or a neuron gets from the drag layer: its cursor and its pointer-down. */
export interface DragTargetProps {
  style?: CSSProperties;
  onPointerDown?(event: ReactPointerEvent<SVGGElement>): void;
}

export interface GraphDragLayer {
  /** a drag is going on: the whole graph shows the ns-resize cursor and selects no text */
  dragging: boolean;
  svgProps: {
    onPointerMove(event: ReactPointerEvent): void;
    onPointerUp(event: ReactPointerEvent): void;
    onPointerCancel(event: ReactPointerEvent): void;
    onLostPointerCapture(event: ReactPointerEvent): void;
  };
  targetProps(target: ParamTarget, selected: boolean): DragTargetProps;
}

export function useGraphDrag({
  drag,
  network,
  selection,
  onSelect,
  boxRef,
}: {
  /** absent: no dragging */
  drag: GraphDrag | null | undefined;
  network: Network;
  selection: Selection;
  onSelect(selection: Selection): void;
  /** the graph's box: touch moves inside it are held while a finger drags */
  boxRef: RefObject<HTMLElement | null>;
}): GraphDragLayer {
  const press = useRef<Press | null>(null);
  const [dragging, setDragging] = useState(false);

  // A touch press that may drag must not scroll the page. `touch-action: none` on the selected
  // target says so, but not every browser honours it inside an SVG (Chromium starts to scroll and
  // cancels the pointer): cancelling its touchmoves (a non-passive listener; React's are passive)
  // keeps the drag's pointer events coming. Other touches are left alone, so the page scrolls.
  useEffect(() => {
    const element = boxRef.current;
    if (!element) return;
    const hold = (event: TouchEvent) => {
      if (press.current?.touch && event.cancelable) event.preventDefault();
    };
    element.addEventListener("touchmove", hold, { passive: false });
    return () => element.removeEventListener("touchmove", hold);
  }, [boxRef]);
  // the graph goes away in the middle of a drag (a page change): the drag still ends
  const dragRef = useRef(drag);
  useEffect(() => {
    dragRef.current = drag;
  });
  useEffect(
    () => () => {
      if (press.current?.dragging) dragRef.current?.end();
    },
    [],
  );

  /** Ends the press; a drag that was going on ends as one step. */
  const release = (event: ReactPointerEvent) => {
    const current = press.current;
    if (!current || current.pointerId !== event.pointerId) return;
    press.current = null;
    if (current.dragging) {
      setDragging(false);
      drag?.end();
    }
  };

  /** The pressed pointer moves: past the slop it drags, and the value follows it. */
  const onPointerMove = (event: ReactPointerEvent) => {
    const current = press.current;
    if (!current || current.pointerId !== event.pointerId || !drag) return;
    const dy = event.clientY - current.y;
    if (!current.dragging) {
      if (!isDrag(event.clientX - current.x, dy)) return;
      current.dragging = true;
      setDragging(true);
      window.getSelection()?.removeAllRanges();
      drag.start(current.target);
      if (!sameSelection(selection, current.target)) onSelect(current.target);
    }
    event.preventDefault();
    // what may be changed can change during a drag (the teacher takes over): it stops there
    if (!drag.allowed(current.target)) return;
    const value = dragValue(current.start, dy);
    if (value === current.value) return;
    current.value = value;
    drag.change(current.target, value);
  };

  /** A press on `target` (selected or not) that may become a drag of its value, and its cursor. */
  const targetProps = (target: ParamTarget, selected: boolean): DragTargetProps => {
    if (!drag) return {};
    return {
      // the affordance on a selected connection or neuron that drags: the cursor, and touch to the drag
      style: selected && drag.allowed(target) ? { cursor: "ns-resize", touchAction: "none" } : undefined,
      onPointerDown(event) {
        if (!event.isPrimary || event.button !== 0) return;
        // by touch only what is already selected: a swipe elsewhere scrolls the page
        if (event.pointerType === "touch" && !selected) return;
        const start = paramValue(network, target);
        if (start === undefined || !drag.allowed(target)) return;
        press.current = {
          pointerId: event.pointerId,
          target,
          x: event.clientX,
          y: event.clientY,
          start,
          dragging: false,
          value: start,
          touch: event.pointerType === "touch",
        };
        // the moves and the release come to the svg (they bubble), wherever the pointer goes
        event.currentTarget.setPointerCapture(event.pointerId);
      },
    };
  };

  return {
    dragging,
    svgProps: { onPointerMove, onPointerUp: release, onPointerCancel: release, onLostPointerCapture: release },
    targetProps,
  };
}
