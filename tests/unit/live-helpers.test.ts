// Small live helpers: typed codes, stored places, the QR path, sandbox thumbnails. (The live
// texts' completeness is checked with every other namespace's in i18n.test.ts.)
import { describe, expect, it } from "vitest";
import { normalizeCode } from "../../lib/live/code";
import { qrPath } from "../../lib/live/qr";
import { parsePlace } from "../../lib/live/storage";
import { outputsAt, thumbnailPicture } from "../../lib/live/thumbnail";
import type { LabState } from "../../lib/network/ops";
import { NETWORK_FORMAT } from "../../lib/network/schema";

const lab: LabState = {
  network: {
    format: NETWORK_FORMAT,
    inputs: ["x1", "x2"],
    layers: [{ activation: "tanh", neurons: [{ weights: [1, 0], bias: 0 }] }],
  },
  inputValues: [1, 1],
};

describe("live helpers", () => {
  it("tidies a typed session code, refuses what cannot be one", () => {
    expect(normalizeCode("k7pq 2m")).toBe("K7PQ2M");
    expect(normalizeCode(" K7P-Q2M ")).toBe("K7PQ2M");
    expect(normalizeCode("K7PQ2")).toBeNull();
    expect(normalizeCode("K0PQ2M")).toBeNull(); // 0 is not in the alphabet
    expect(normalizeCode("<script>")).toBeNull();
  });

  it("reads a stored place only when it is whole", () => {
    const place = { participantId: "p1", resumeToken: "t", name: "Ana" };
    expect(parsePlace(JSON.stringify(place))).toEqual(place);
    expect(parsePlace(JSON.stringify({ participantId: "p1", name: "Ana" }))).toBeNull();
    expect(parsePlace("{not json")).toBeNull();
    expect(parsePlace(null)).toBeNull();
  });

  it("draws a QR code as one path of unit squares", () => {
    const { size, d } = qrPath("http://192.168.1.20:3000/s/K7PQ2M");
    expect(size).toBeGreaterThanOrEqual(21);
    expect((size - 17) % 4).toBe(0); // QR versions are 17 + 4v modules wide
    expect(d).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
  });

  it("pictures a 2-input sandbox's output over the plane (x1 across, x2 up)", () => {
    const picture = thumbnailPicture(lab, 8)!;
    expect(picture.values).toHaveLength(64);
    expect(picture.limit).toBe(1); // tanh: a fixed scale
    // left column is negative x1, right column positive: tanh(x1)
    expect(picture.values[0]!).toBeLessThan(0);
    expect(picture.values[7]!).toBeGreaterThan(0);
    expect(outputsAt(lab)[0]).toBeCloseTo(Math.tanh(1), 12);
    const three: LabState = {
      network: {
        ...lab.network,
        inputs: ["a", "b", "c"],
        layers: [{ activation: "linear", neurons: [{ weights: [1, 1, 1], bias: 0 }] }],
      },
      inputValues: [1, 2, 3],
    };
    expect(thumbnailPicture(three)).toBeNull();
    expect(outputsAt(three)).toEqual([6]);
  });
});
