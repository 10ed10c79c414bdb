import { describe, expect, it } from "vitest";
import { rewriteModel } from "./body";

const rw = (s: string) => {
  const r = rewriteModel(s, "real/model");
  if (!r.ok) throw new Error(r.message);
  return r.body;
};

describe("rewriteModel", () => {
  it("changes only the top-level model value", () => {
    expect(rw('{"model":"slug","n":1.0,"big":12345678901234567890}')).toBe('{"model":"real/model","n":1.0,"big":12345678901234567890}');
    expect(rw('{ "a": {"model": "inner"}, "model" : "slug" , "b":["model"]}')).toBe('{ "a": {"model": "inner"}, "model" : "real/model" , "b":["model"]}');
    expect(rw('{"model":null}')).toBe('{"model":"real/model"}');
    expect(rw('{"model":{"x":[1,"}"]},"z":2}')).toBe('{"model":"real/model","z":2}');
    expect(rw('{"s":"a \\" model \\\\","model":"x"}')).toBe('{"s":"a \\" model \\\\","model":"real/model"}');
  });

  it("matches an escaped key and every duplicate", () => {
    expect(rw('{"mod\\u0065l":"a","model":"b"}')).toBe('{"mod\\u0065l":"real/model","model":"real/model"}');
  });

  it("inserts the model when absent", () => {
    expect(rw("{}")).toBe('{"model":"real/model"}');
    expect(rw(' { "input": ["x"] }')).toBe(' {"model":"real/model", "input": ["x"] }');
    expect(JSON.parse(rw('\n{"a":1}'))).toEqual({ model: "real/model", a: 1 });
  });

  it("rejects invalid JSON and non-objects", () => {
    for (const bad of ["", "{", "[]", "1", '"x"', "null", '{"a":1}x']) expect(rewriteModel(bad, "m").ok).toBe(false);
  });

  it("escapes the model name", () => {
    const r = rewriteModel('{"model":"x"}', 'we"ird');
    expect(r.ok && JSON.parse(r.body).model).toBe('we"ird');
  });
});
