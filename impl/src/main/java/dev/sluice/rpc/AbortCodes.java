package dev.sluice.rpc;

import dev.sluice.protocol.StreamProtocol;

/** Names the stream abort codes an RPC side may see, for error messages. */
final class AbortCodes {
    private AbortCodes() {
    }

    static String describe(int code) {
        String name = switch (code) {
            case RpcCodes.ABORT_CANCELLED -> "cancelled";
            case RpcCodes.ABORT_TIMEOUT -> "timeout";
            case RpcCodes.ABORT_PARSE_ERROR -> "parse error";
            case RpcCodes.ABORT_PROTOCOL_ERROR -> "protocol error";
            case RpcCodes.ABORT_NOT_RPC -> "not an RPC stream";
            case RpcCodes.ABORT_HANDLER_FAILED -> "handler failed";
            case StreamProtocol.NO_ERROR -> "no error";
            case StreamProtocol.REFUSED -> "refused";
            case StreamProtocol.HANDLER_FAILED -> "stream handler failed";
            default -> "application code";
        };
        return "0x" + Integer.toHexString(code) + " " + name;
    }
}
