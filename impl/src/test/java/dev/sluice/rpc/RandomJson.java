package dev.sluice.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/** Random JSON values of bounded depth and width, for the decoder's properties. */
final class RandomJson {
    private static final String[] WORDS = {"", "a", "é", "日本", "\"q\"", "back\\slash", "line\nfeed", "\u0000", "😀", "{[", "rpc"};

    private final Random random;

    RandomJson(long seed) {
        this.random = new Random(seed);
    }

    JsonNode value(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> Json.NODES.nullNode();
            case 1 -> Json.NODES.booleanNode(random.nextBoolean());
            case 2 -> Json.NODES.numberNode(random.nextInt());
            case 3 -> Json.NODES.numberNode(random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(1000)
                    : Long.MIN_VALUE + random.nextInt(1000));
            case 4 -> Json.NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 5, 6 -> Json.NODES.textNode(WORDS[random.nextInt(WORDS.length)] + random.nextInt(100));
            case 7 -> {
                ArrayNode array = Json.NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = Json.NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(WORDS[random.nextInt(WORDS.length)] + i, value(depth - 1));
                }
                yield object;
            }
        };
    }

    /**
     * Whitespace between two values: none is allowed after a value that ends with a bracket or quote
     * (a number, true, false or null needs whitespace after it).
     */
    String separator(JsonNode before, JsonNode after) {
        String[] choices = {" ", "\n", "\t", "\r\n", " \n\t ", ""};
        boolean delimited = before.isContainerNode() || before.isTextual();
        String pick = choices[random.nextInt(choices.length)];
        return pick.isEmpty() && !delimited ? " " : pick;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
