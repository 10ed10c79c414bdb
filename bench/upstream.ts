// The benchmark's model server: raw node:http, a fixed small chat answer, or a short event stream
// (first chunk at once, then STREAM_CHUNKS more, STREAM_GAP_MS apart). A request header
// x-bench-delay-ms makes it answer that much later (a model server that takes time to generate).
// Prints "listening <port>".
import http from "node:http";
import type { AddressInfo } from "node:net";

const ANSWER = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 1,
  model: "bench-model",
  choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
});
const CHUNKS = Number(process.env.STREAM_CHUNKS || 5);
const GAP = Number(process.env.STREAM_GAP_MS || 10);
const frame = (content: string) =>
  `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"bench-model","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":null}]}\n\n`;

const server = http.createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (c: string) => (body += c));
  req.on("end", () => {
    if (body.includes('"stream":true')) {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(frame("first"));
      let n = 0;
      const t = setInterval(() => {
        if (++n > CHUNKS) {
          clearInterval(t);
          res.end("data: [DONE]\n\n");
        } else res.write(frame(` ${n}`));
      }, GAP);
      res.on("close", () => clearInterval(t));
      return;
    }
    const answer = () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(ANSWER) });
      res.end(ANSWER);
    };
    const delay = Number(req.headers["x-bench-delay-ms"] || 0);
    if (delay > 0) setTimeout(answer, delay);
    else answer();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT || 0), "127.0.0.1", () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => process.exit(0));
