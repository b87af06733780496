"""A loopback Messages-API stub that Claude Code can talk to instead of api.anthropic.com.

It logs every request (model, the text of the first and last user message, which tools were
offered) and answers with a tiny canned reply, streamed (SSE) or not. Optionally it answers the
first request that offers the ``Agent`` tool with a ``tool_use`` of that tool, so Claude Code
launches a subagent whose own request then shows up in the log.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

REPLY_TEXT = "ok"
AGENT_TOOL = "Agent"
FORK_MARKER = "<fork-boilerplate>"


@dataclass(frozen=True)
class LoggedRequest:
    """One request Claude Code sent to the stub."""

    path: str
    model: str | None
    stream: bool
    first_user_text: str
    last_user_text: str
    tool_names: tuple[str, ...]
    answered_with_tool_use: bool = False
    body: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """The whole request JSON (for fields the summary leaves out, e.g. ``thinking`` or ``output_config``)."""

    @property
    def offers_agent(self) -> bool:
        """True when the request offers the subagent (``Agent``) tool."""
        return AGENT_TOOL in self.tool_names

    @property
    def is_messages(self) -> bool:
        """True for a Messages call (not ``count_tokens`` or anything else)."""
        return self.path.split("?", 1)[0].rstrip("/").endswith("/v1/messages")


def _message_text(message: Any) -> str:
    """All text of one message, whatever its content shape (string or list of blocks)."""
    if not isinstance(message, dict):
        return ""
    content = message.get("content")
    if isinstance(content, str):
        return content
    parts: list[str] = []
    if isinstance(content, list):
        for block in content:
            if isinstance(block, dict):
                if isinstance(block.get("text"), str):
                    parts.append(block["text"])
                elif block.get("type") == "tool_result":
                    parts.append(_message_text({"content": block.get("content")}))
    return "\n".join(parts)


def _user_texts(body: dict[str, Any]) -> tuple[str, str]:
    messages = body.get("messages")
    users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"] if isinstance(messages, list) else []
    if not users:
        return "", ""
    return _message_text(users[0]), _message_text(users[-1])


def _tool_names(body: dict[str, Any]) -> tuple[str, ...]:
    tools = body.get("tools")
    if not isinstance(tools, list):
        return ()
    return tuple(str(t.get("name")) for t in tools if isinstance(t, dict) and "name" in t)


def _usage() -> dict[str, int]:
    return {
        "input_tokens": 10,
        "output_tokens": 1,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
    }


def _sse(event: str, data: dict[str, Any]) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


class MessagesStub:
    """A Messages-API stub on 127.0.0.1 (port chosen by the OS) served from a background thread.

    Use as a context manager; ``url`` is the base URL for ``ANTHROPIC_BASE_URL``.
    ``agent_tool_input``: when given, the first request offering the ``Agent`` tool is answered
    with a ``tool_use`` of ``Agent`` with this input.
    """

    def __init__(self, agent_tool_input: dict[str, Any] | None = None) -> None:
        self.agent_tool_input = agent_tool_input
        self._lock = threading.Lock()
        self._requests: list[LoggedRequest] = []
        self._tool_use_sent = False
        self._counter = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> MessagesStub:
        """Bind and serve in a daemon thread."""
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
                return

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                stub._handle(self, None)

            def do_HEAD(self) -> None:  # noqa: N802
                stub._send_json(self, 404, _error("not_found_error", "not found"), head=True)

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {}
                stub._handle(self, body if isinstance(body, dict) else {})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        server = self._server
        self._thread = threading.Thread(
            target=lambda: server.serve_forever(poll_interval=0.02), name="messages-stub", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> MessagesStub:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port the stub listens on."""
        if self._server is None:
            raise RuntimeError("stub is not running")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Base URL to export as ``ANTHROPIC_BASE_URL``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[LoggedRequest]:
        """A snapshot of every request logged so far, in arrival order."""
        with self._lock:
            return list(self._requests)

    # -- request handling ------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler, body: dict[str, Any] | None) -> None:
        path = h.path
        bare = path.split("?", 1)[0].rstrip("/")
        if body is None:
            self._log(LoggedRequest(path, None, False, "", "", ()))
            self._send_json(h, 404, _error("not_found_error", f"no route for GET {bare}"))
            return
        model = body.get("model") if isinstance(body.get("model"), str) else None
        stream = bool(body.get("stream"))
        first, last = _user_texts(body)
        tools = _tool_names(body)
        if bare.endswith("/count_tokens"):
            self._log(LoggedRequest(path, model, stream, first, last, tools, body=body))
            self._send_json(h, 200, {"input_tokens": 10})
            return
        if not bare.endswith("/v1/messages"):
            self._log(LoggedRequest(path, model, stream, first, last, tools, body=body))
            self._send_json(h, 404, _error("not_found_error", f"no route for POST {bare}"))
            return
        with self._lock:
            use_tool = self.agent_tool_input is not None and AGENT_TOOL in tools and not self._tool_use_sent
            if use_tool:
                self._tool_use_sent = True
            self._counter += 1
            n = self._counter
            self._requests.append(LoggedRequest(path, model, stream, first, last, tools, use_tool, body))
        msg_id = f"msg_stub_{n:04d}"
        reply_model = model or "claude-stub"
        if use_tool:
            assert self.agent_tool_input is not None
            block = {"type": "tool_use", "id": f"toolu_stub_{n:04d}", "name": AGENT_TOOL, "input": {}}
            full_input = dict(self.agent_tool_input)
            if stream:
                self._send_stream_tool(h, msg_id, reply_model, block, full_input)
            else:
                self._send_json(h, 200, _message(msg_id, reply_model, [{**block, "input": full_input}], "tool_use"))
            return
        if stream:
            self._send_stream_text(h, msg_id, reply_model)
        else:
            self._send_json(h, 200, _message(msg_id, reply_model, [{"type": "text", "text": REPLY_TEXT}], "end_turn"))

    def _log(self, req: LoggedRequest) -> None:
        with self._lock:
            self._requests.append(req)

    @staticmethod
    def _send_json(h: BaseHTTPRequestHandler, status: int, payload: dict[str, Any], head: bool = False) -> None:
        data = json.dumps(payload).encode()
        try:
            h.send_response(status)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.send_header("request-id", "req_stub")
            h.end_headers()
            if not head:
                h.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    @staticmethod
    def _send_events(h: BaseHTTPRequestHandler, chunks: list[bytes]) -> None:
        data = b"".join(chunks)
        try:
            h.send_response(200)
            h.send_header("Content-Type", "text/event-stream")
            h.send_header("Cache-Control", "no-cache")
            h.send_header("Content-Length", str(len(data)))
            h.send_header("request-id", "req_stub")
            h.end_headers()
            h.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send_stream_text(self, h: BaseHTTPRequestHandler, msg_id: str, model: str) -> None:
        start = _message(msg_id, model, [], None)
        start["usage"] = _usage()
        self._send_events(
            h,
            [
                _sse("message_start", {"type": "message_start", "message": start}),
                _sse(
                    "content_block_start",
                    {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
                ),
                _sse(
                    "content_block_delta",
                    {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": REPLY_TEXT}},
                ),
                _sse("content_block_stop", {"type": "content_block_stop", "index": 0}),
                _sse(
                    "message_delta",
                    {
                        "type": "message_delta",
                        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                        "usage": {"output_tokens": 1},
                    },
                ),
                _sse("message_stop", {"type": "message_stop"}),
            ],
        )

    def _send_stream_tool(
        self,
        h: BaseHTTPRequestHandler,
        msg_id: str,
        model: str,
        block: dict[str, Any],
        tool_input: dict[str, Any],
    ) -> None:
        start = _message(msg_id, model, [], None)
        start["usage"] = _usage()
        self._send_events(
            h,
            [
                _sse("message_start", {"type": "message_start", "message": start}),
                _sse("content_block_start", {"type": "content_block_start", "index": 0, "content_block": block}),
                _sse(
                    "content_block_delta",
                    {
                        "type": "content_block_delta",
                        "index": 0,
                        "delta": {"type": "input_json_delta", "partial_json": json.dumps(tool_input)},
                    },
                ),
                _sse("content_block_stop", {"type": "content_block_stop", "index": 0}),
                _sse(
                    "message_delta",
                    {
                        "type": "message_delta",
                        "delta": {"stop_reason": "tool_use", "stop_sequence": None},
                        "usage": {"output_tokens": 1},
                    },
                ),
                _sse("message_stop", {"type": "message_stop"}),
            ],
        )


def _message(msg_id: str, model: str, content: list[dict[str, Any]], stop_reason: str | None) -> dict[str, Any]:
    return {
        "id": msg_id,
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": _usage(),
    }


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}


__all__ = ["AGENT_TOOL", "FORK_MARKER", "REPLY_TEXT", "LoggedRequest", "MessagesStub"]
