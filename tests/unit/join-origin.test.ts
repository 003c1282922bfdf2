// Where phones go to join: never "localhost" when the machine has a network address.
import { describe, expect, it } from "vitest";
import { joinOrigin, publicOrigin, rankLanAddresses } from "../../lib/live/join-origin";
import { configFromEnv } from "../../server/config";

const lan = ["192.168.1.20"];

describe("the join origin", () => {
  it("replaces a loopback host by the machine's network address, keeping the port", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST:3000"]) {
      expect(joinOrigin({ host, proto: "http", lanAddresses: lan })).toBe("http://192.168.1.20:3000");
    }
    expect(joinOrigin({ host: "localhost", proto: "http", lanAddresses: lan })).toBe("http://192.168.1.20");
  });

  it("keeps any other host, and a loopback one on a machine without a network", () => {
    expect(joinOrigin({ host: "lab.school.example:8080", proto: "https", lanAddresses: lan })).toBe(
      "https://lab.school.example:8080",
    );
    expect(joinOrigin({ host: "10.0.0.5:3000", proto: "http", lanAddresses: lan })).toBe("http://10.0.0.5:3000");
    expect(joinOrigin({ host: "localhost:3000", proto: "http", lanAddresses: [] })).toBe("http://localhost:3000");
    expect(joinOrigin({ host: "localhost.evil.example", proto: "http", lanAddresses: lan })).toBe(
      "http://localhost.evil.example",
    );
  });

  it("PUBLIC_URL wins; a host that is not a host gives nothing", () => {
    expect(
      joinOrigin({
        publicUrl: "https://lab.example.org/some/path",
        host: "localhost:3000",
        proto: "http",
        lanAddresses: lan,
      }),
    ).toBe("https://lab.example.org");
    expect(joinOrigin({ host: "evil.example/<script>", proto: "http", lanAddresses: lan })).toBeNull();
    expect(joinOrigin({ host: undefined, proto: "http", lanAddresses: lan })).toBeNull();
  });

  it("private networks come first", () => {
    expect(rankLanAddresses(["203.0.113.7", "172.20.1.2", "10.1.1.1", "172.32.0.1", "192.168.0.9"])).toEqual([
      "172.20.1.2",
      "10.1.1.1",
      "192.168.0.9",
      "203.0.113.7",
      "172.32.0.1",
    ]);
  });

  it("a PUBLIC_URL that is not an http(s) URL stops the server at start, with the reason", () => {
    expect(publicOrigin("ftp://x.example")).toBeNull();
    expect(() => configFromEnv({ NODE_ENV: "test", PUBLIC_URL: "lab.example.org" })).toThrow(
      /PUBLIC_URL must be an http\(s\) URL/,
    );
    expect(configFromEnv({ NODE_ENV: "test", PUBLIC_URL: "http://192.168.1.20:3000" }).port).toBe(3000);
  });
});
