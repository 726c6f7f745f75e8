/**
 * @module test/conformance/http
 * Raw HTTP behaviour of the real server (hyperliquid-api.md §0 and §0.1), driven with fetch and a raw socket: the
 * exact 422 body for a JSON body of the wrong shape on /info and /exchange, 400 for a body that is not JSON, 415 for
 * a wrong content type, CORS headers on every answer, the OPTIONS preflight, the clear error for a known but unbuilt
 * action, and a server that survives malformed frames.
 */

import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import type { App } from "../../src/server/app.ts";
import { post, startServer } from "../helpers/server.ts";

/** §0.1: the exact body of a 422 (56 bytes). */
const DESERIALIZE = "Failed to deserialize the JSON body into the target type";
const TEXT_PLAIN = "text/plain; charset=utf-8";
const SIG = {
  r: "0x0000000000000000000000000000000000000000000000000000000000000001",
  s: "0x0000000000000000000000000000000000000000000000000000000000000001",
  v: 27,
};

let app: App;

before(async () => {
  app = await startServer();
});
after(() => app.close());

interface Raw {
  status: number;
  headers: Headers;
  text: string;
}

async function send(path: string, init: RequestInit): Promise<Raw> {
  const res = await fetch(`${app.url}${path}`, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function postRaw(path: "/info" | "/exchange", body: string, contentType?: string): Promise<Raw> {
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers["content-type"] = contentType;
  return send(path, { method: "POST", headers, body });
}

function assertCors(headers: Headers): void {
  assert.equal(headers.get("access-control-allow-origin"), "*");
  assert.equal(headers.get("access-control-expose-headers"), "*");
}

function assert422(r: Raw): void {
  assert.equal(r.status, 422, `expected 422, got ${r.status}: ${r.text}`);
  assert.equal(r.headers.get("content-type"), TEXT_PLAIN);
  assert.equal(r.text, DESERIALIZE);
  assert.equal(Buffer.byteLength(r.text), 56);
  assert.equal(r.headers.get("content-length"), "56");
  assertCors(r.headers);
}

/** Writes raw bytes on a fresh TCP connection and collects everything until the server closes (or 2 s pass). */
function rawExchange(bytes: string | Buffer, { end = true }: { end?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(app.port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString("latin1"));
    }, 2_000);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", (e) => {
      clearTimeout(timer);
      // A reset after the server answered is fine; anything else is reported.
      if (chunks.length > 0) resolve(Buffer.concat(chunks).toString("latin1"));
      else reject(e);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString("latin1"));
    });
    socket.on("connect", () => {
      socket.write(bytes);
      if (end) socket.end();
    });
  });
}

async function assertAlive(): Promise<void> {
  const r = await post(app, "/info", { type: "meta" });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.type.includes("application/json"));
  const meta = r.body as { universe: { name: string }[] };
  assert.equal(meta.universe[0]?.name, "BTC");
}

describe("§0.1 422 for valid JSON of the wrong shape", () => {
  const infoBodies: [string, unknown][] = [
    ["unknown type", { type: "notARealInfoType" }],
    ["no type", { user: "0x0000000000000000000000000000000000000000" }],
    ["type of the wrong JSON type", { type: 7 }],
    ["missing required field (l2Book without coin)", { type: "l2Book" }],
    ["field of the wrong type (clearinghouseState user: number)", { type: "clearinghouseState", user: 123 }],
    ["orderStatus without oid", { type: "orderStatus", user: "0x0000000000000000000000000000000000000000" }],
    ["a JSON array", [{ type: "meta" }]],
    ["a JSON string", "meta"],
    ["JSON null", null],
  ];
  for (const [name, body] of infoBodies) {
    it(`/info: ${name}`, async () => {
      assert422(await postRaw("/info", JSON.stringify(body), "application/json"));
    });
  }

  const exchangeBodies: [string, unknown][] = [
    ["empty object", {}],
    ["unknown action type", { action: { type: "notARealAction" }, nonce: Date.now(), signature: SIG }],
    ["action without type", { action: { orders: [] }, nonce: Date.now(), signature: SIG }],
    ["missing signature", { action: { type: "noop" }, nonce: Date.now() }],
    ["missing nonce", { action: { type: "noop" }, signature: SIG }],
    ["nonce of the wrong type", { action: { type: "noop" }, nonce: "1", signature: SIG }],
    [
      "order action with a field of the wrong type",
      { action: { type: "order", orders: "nope", grouping: "na" }, nonce: Date.now(), signature: SIG },
    ],
    ["a JSON array", []],
  ];
  for (const [name, body] of exchangeBodies) {
    it(`/exchange: ${name}`, async () => {
      assert422(await postRaw("/exchange", JSON.stringify(body), "application/json"));
    });
  }
});

describe("§0.1 400 for a body that is not JSON, 415 for a wrong content type", () => {
  for (const path of ["/info", "/exchange"] as const) {
    for (const body of ["{", "{type: meta}", "", '{"type":"meta"} trailing']) {
      it(`${path}: ${JSON.stringify(body)} → 400`, async () => {
        const r = await postRaw(path, body, "application/json");
        assert.equal(r.status, 400, r.text);
        assert.equal(r.headers.get("content-type"), TEXT_PLAIN);
        assertCors(r.headers);
      });
    }
    for (const type of ["text/plain", "application/x-www-form-urlencoded", undefined]) {
      it(`${path}: content-type ${type ?? "(none)"} → 415`, async () => {
        // fetch adds `text/plain;charset=UTF-8` to a string body when no type is given.
        const r =
          type === undefined
            ? await send(path, { method: "POST", body: Buffer.from('{"type":"meta"}') })
            : await postRaw(path, '{"type":"meta"}', type);
        assert.equal(r.status, 415, r.text);
        assert.equal(r.headers.get("content-type"), TEXT_PLAIN);
        assertCors(r.headers);
      });
    }
  }

  it("application/json with a charset parameter is accepted", async () => {
    const r = await postRaw("/info", '{"type":"meta"}', "application/json; charset=utf-8");
    assert.equal(r.status, 200, r.text);
  });
});

describe("§0 successful answers and CORS", () => {
  it("200 application/json with the CORS headers on /info", async () => {
    const r = await postRaw("/info", '{"type":"meta"}', "application/json");
    assert.equal(r.status, 200, r.text);
    assert.ok(r.headers.get("content-type")?.includes("application/json"));
    assertCors(r.headers);
  });

  it('an {"status":"err"} answer is still 200 application/json with CORS (unknown signer)', async () => {
    const body = JSON.stringify({ action: { type: "noop" }, nonce: Date.now(), signature: SIG });
    const r = await postRaw("/exchange", body, "application/json");
    assert.equal(r.status, 200, r.text);
    assert.ok(r.headers.get("content-type")?.includes("application/json"));
    assertCors(r.headers);
    const json = JSON.parse(r.text) as { status: string; response: string };
    assert.equal(json.status, "err");
    assert.match(json.response, /^(User or API Wallet 0x[0-9a-f]{40} does not exist\.|Unable to recover signer\.)$/);
  });

  for (const path of ["/info", "/exchange"]) {
    it(`OPTIONS ${path} preflight → 204 with CORS`, async () => {
      const r = await send(path, {
        method: "OPTIONS",
        headers: {
          origin: "http://example.com",
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
      assert.equal(r.status, 204);
      assert.equal(r.text, "");
      assert.equal(r.headers.get("access-control-allow-origin"), "*");
      const methods = r.headers.get("access-control-allow-methods") ?? "";
      assert.ok(methods.includes("POST"), `allow-methods: ${methods}`);
      const allowHeaders = (r.headers.get("access-control-allow-headers") ?? "").toLowerCase();
      assert.ok(allowHeaders === "*" || allowHeaders.includes("content-type"), `allow-headers: ${allowHeaders}`);
    });
  }
});

describe("a known action hyperlocal does not build yet", () => {
  it('topUpIsolatedOnlyMargin → 200 {"status":"err","response":"Action \\"topUpIsolatedOnlyMargin\\" is not supported by hyperlocal yet."}', async () => {
    const body = {
      action: { type: "topUpIsolatedOnlyMargin", asset: 0, leverage: "10" },
      nonce: Date.now(),
      signature: SIG,
    };
    const r = await post(app, "/exchange", body);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.type.includes("application/json"));
    assert.equal(
      r.text,
      '{"status":"err","response":"Action \\"topUpIsolatedOnlyMargin\\" is not supported by hyperlocal yet."}',
    );
    assert.deepEqual(r.body, {
      status: "err",
      response: 'Action "topUpIsolatedOnlyMargin" is not supported by hyperlocal yet.',
    });
  });
});

describe("malformed frames never take the server down", () => {
  it("garbage bytes, a truncated body, a bad request line and a bogus content-length", async () => {
    const garbage = await rawExchange("\x00\x01\x02GARBAGE\r\n\r\n");
    assert.match(garbage, /^(HTTP\/1\.1 400|$)/, garbage.slice(0, 80));
    await assertAlive();

    const badLine = await rawExchange("POST /info HTTP/9.9.9 nonsense\r\n\r\n");
    assert.match(badLine, /^(HTTP\/1\.1 (400|505)|$)/, badLine.slice(0, 80));
    await assertAlive();

    // Announces 100 bytes, sends 10, closes.
    await rawExchange(
      'POST /info HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":"m',
    );
    await assertAlive();

    const bogusLength = await rawExchange(
      "POST /info HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n{}",
    );
    assert.match(bogusLength, /^(HTTP\/1\.1 400|$)/, bogusLength.slice(0, 80));
    await assertAlive();

    // Invalid UTF-8 inside a JSON string: not a crash, a 4xx.
    const invalidUtf8 = Buffer.concat([Buffer.from('{"type":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const r = await send("/info", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: invalidUtf8,
    });
    assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    await assertAlive();

    // A deeply nested JSON document.
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const d = await postRaw("/info", deep, "application/json");
    assert.ok(d.status >= 400 && d.status < 500, `status ${d.status}`);
    await assertAlive();
  });

  it("many concurrent bad requests, then a good one", async () => {
    const bad = Array.from({ length: 50 }, (_, i) =>
      postRaw(i % 2 === 0 ? "/info" : "/exchange", i % 3 === 0 ? "{" : '{"type":1}', "application/json"),
    );
    const answers = await Promise.all(bad);
    for (const a of answers) assert.ok(a.status === 400 || a.status === 422, `status ${a.status}`);
    await assertAlive();
  });
});
