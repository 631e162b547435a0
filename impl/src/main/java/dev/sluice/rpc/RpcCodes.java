package dev.sluice.rpc;

/**
 * The numbers of the RPC wire ({@code impl/RPC.md}): the byte that marks a stream as RPC, the
 * JSON-RPC error codes, and the stream abort codes (RESET/STOP) an RPC side sends.
 */
public final class RpcCodes {
    /** The first byte of every RPC stream (ASCII record separator, as in RFC 7464); never the first byte of JSON text. */
    public static final byte STREAM_MARKER = 0x1E;

    /** Invalid JSON, or a message over the size or nesting limits. */
    public static final int PARSE_ERROR = -32700;
    /** The first message is not a JSON-RPC 2.0 request object. */
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    /** The server failed outside the handler (e.g. it could not encode the handler's result). */
    public static final int INTERNAL_ERROR = -32603;
    /** The handler threw, or its stage or publisher failed, with an exception other than {@link RpcException}. */
    public static final int HANDLER_FAILED = -32000;
    /** The caller's deadline passed before the call ended (raised by the caller, never sent). */
    public static final int TIMEOUT = -32001;
    /** The call was cancelled: by the caller, or the peer aborted its stream. */
    public static final int CANCELLED = -32002;
    /** The stream or the connection failed under the call. */
    public static final int TRANSPORT_FAILED = -32003;
    /** The peer broke the RPC framing (e.g. a result before any request, a stream that ended without a response). */
    public static final int PROTOCOL_ERROR = -32004;

    /** Stream abort code: the caller cancelled the call. ASCII "RP" in the high half. */
    public static final int ABORT_CANCELLED = 0x5250_0001;
    /** Stream abort code: the caller's deadline passed. */
    public static final int ABORT_TIMEOUT = 0x5250_0002;
    /** Stream abort code: the peer sent invalid JSON or a message over the limits (a -32700 error went first). */
    public static final int ABORT_PARSE_ERROR = 0x5250_0003;
    /** Stream abort code: the peer broke the RPC framing. */
    public static final int ABORT_PROTOCOL_ERROR = 0x5250_0004;
    /** Stream abort code: the stream did not start with {@link #STREAM_MARKER} and the server has no other use for it. */
    public static final int ABORT_NOT_RPC = 0x5250_0005;
    /** Stream abort code: the handler failed after its response had started (a raw or streaming call). */
    public static final int ABORT_HANDLER_FAILED = 0x5250_0006;

    private RpcCodes() {
    }
}
