import { describe, expect, it } from "vitest";
import {
  clampResolution,
  columnValue,
  DEFAULT_RESOLUTION,
  fillGrid,
  gridPoint,
  gridRows,
  lineValue,
  planePosition,
  rowAt,
  symmetricRange,
} from "../../lib/heatmap/grid";

const range = symmetricRange(6);

describe("grid", () => {
  it("row r is pixel r of the ImageData: left to right, top to bottom, x2 growing upwards", () => {
    const res = 4; // cells of width 3: centres −4.5, −1.5, 1.5, 4.5
    expect(gridPoint(0, res, range)).toEqual([-4.5, 4.5]); // top left
    expect(gridPoint(3, res, range)).toEqual([4.5, 4.5]); // top right
    expect(gridPoint(4, res, range)).toEqual([-4.5, 1.5]); // second line, left
    expect(gridPoint(12, res, range)).toEqual([-4.5, -4.5]); // bottom left
    expect(gridPoint(15, res, range)).toEqual([4.5, -4.5]); // bottom right
  });

  it("fills the input columns with every cell centre, once per pixel", () => {
    const res = 128;
    const x1 = new Float32Array(gridRows(res));
    const x2 = new Float32Array(gridRows(res));
    fillGrid(x1, x2, res, range);
    for (const r of [0, 1, 127, 128, 5000, gridRows(res) - 1]) {
      const [a, b] = gridPoint(r, res, range);
      expect(x1[r]).toBeCloseTo(a, 5);
      expect(x2[r]).toBeCloseTo(b, 5);
    }
    // every value stays inside the range, and the cells are symmetric around 0
    expect(Math.max(...x1)).toBeLessThan(6);
    expect(Math.min(...x2)).toBeGreaterThan(-6);
    expect(columnValue(0, res, range)).toBeCloseTo(-columnValue(res - 1, res, range), 12);
    expect(lineValue(0, res, range)).toBeCloseTo(-lineValue(res - 1, res, range), 12);
  });

  it("finds the pixel of a point, and none off the plane", () => {
    const res = 128;
    for (const r of [0, 77, 128 * 64 + 5, gridRows(res) - 1]) {
      const [a, b] = gridPoint(r, res, range);
      expect(rowAt(a, b, res, range)).toBe(r);
    }
    expect(rowAt(7, 0, res, range)).toBe(-1);
    expect(rowAt(0, -6.5, res, range)).toBe(-1);
  });

  it("places the input marker as fractions from the left and the top", () => {
    expect(planePosition(0, 0, range)).toEqual({ left: 0.5, top: 0.5, inside: true });
    expect(planePosition(-6, 6, range)).toEqual({ left: 0, top: 0, inside: true });
    expect(planePosition(3, -3, range)).toEqual({ left: 0.75, top: 0.75, inside: true });
    expect(planePosition(10, 0, range).inside).toBe(false);
  });

  it("keeps the resolution in 8…256", () => {
    expect(clampResolution(undefined)).toBe(DEFAULT_RESOLUTION);
    expect(DEFAULT_RESOLUTION).toBe(128);
    expect(clampResolution(Number.NaN)).toBe(128);
    expect(clampResolution(1000)).toBe(256);
    expect(clampResolution(2)).toBe(8);
    expect(clampResolution(200.4)).toBe(200);
  });
});
