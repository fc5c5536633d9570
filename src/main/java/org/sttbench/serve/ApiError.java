package org.sttbench.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer in the OpenAI shape: {"error":{"message","type","param","code"}}. */
public record ApiError(int status, String message, String type, String code) {
    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String SERVER_ERROR = "server_error";

    static ApiError badRequest(String code, String message) {
        return new ApiError(400, message, INVALID_REQUEST, code);
    }

    String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.put("code", code);
        return root.toString();
    }
}
