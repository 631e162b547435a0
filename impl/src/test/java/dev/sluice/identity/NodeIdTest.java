package dev.sluice.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.identity.NodeId.MalformedNodeIdException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeIdTest {
    private static byte[] key(long seed) {
        byte[] bytes = new byte[NodeId.KEY_LENGTH];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void textFormRoundTripsForManyKeys() {
        for (int seed = 0; seed < 200; seed++) {
            NodeId id = NodeId.ofPublicKey(key(seed));
            String text = id.toString();
            assertThat(text).hasSize(NodeId.TEXT_LENGTH).startsWith("v").matches("v[0-9a-v]{52}");
            assertThat(NodeId.parse(text)).isEqualTo(id);
            assertThat(NodeId.parse(text).publicKey()).isEqualTo(key(seed));
        }
    }

    @Test
    void allZeroAndAllOneKeysHaveTheExpectedText() {
        assertThat(NodeId.ofPublicKey(new byte[32]).toString()).isEqualTo("v" + "0".repeat(52));
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(NodeId.ofPublicKey(ones).toString()).isEqualTo("v" + "v".repeat(51) + "g");
    }

    @Test
    void textOrderFollowsByteOrder() {
        NodeId a = NodeId.ofPublicKey(key(1));
        NodeId b = NodeId.ofPublicKey(key(2));
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(a.toString().compareTo(b.toString())));
    }

    @Test
    void emptyAndNullTextsAreRejected() {
        assertThatThrownBy(() -> NodeId.parse("")).isInstanceOf(MalformedNodeIdException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> NodeId.parse(null)).isInstanceOf(MalformedNodeIdException.class).hasMessageContaining("empty");
    }

    @Test
    void aWrongMultibasePrefixIsRejected() {
        String text = "b" + NodeId.ofPublicKey(key(3)).toString().substring(1);
        assertThatThrownBy(() -> NodeId.parse(text)).isInstanceOf(MalformedNodeIdException.class)
                .hasMessageContaining("multibase prefix 'v'").hasMessageContaining("found 'b'");
    }

    @Test
    void aTruncatedOrOverlongTextIsRejectedWithItsLength() {
        String text = NodeId.ofPublicKey(key(4)).toString();
        assertThatThrownBy(() -> NodeId.parse(text.substring(0, 40))).isInstanceOf(MalformedNodeIdException.class)
                .hasMessageContaining("53 characters long, found 40");
        assertThatThrownBy(() -> NodeId.parse(text + "0")).isInstanceOf(MalformedNodeIdException.class)
                .hasMessageContaining("found 54");
    }

    @Test
    void charactersOutsideLowerCaseBase32hexAreRejectedWithTheirPosition() {
        String text = NodeId.ofPublicKey(key(5)).toString();
        String upper = text.substring(0, 10) + "A" + text.substring(11);
        assertThatThrownBy(() -> NodeId.parse(upper)).isInstanceOf(MalformedNodeIdException.class)
                .hasMessageContaining("character 'A' at index 10");
        String outOfAlphabet = text.substring(0, 7) + "w" + text.substring(8);
        assertThatThrownBy(() -> NodeId.parse(outOfAlphabet)).isInstanceOf(MalformedNodeIdException.class)
                .hasMessageContaining("character 'w' at index 7");
    }

    @Test
    void nonZeroPaddingBitsAreRejected() {
        String text = "v" + "0".repeat(51) + "1";
        assertThatThrownBy(() -> NodeId.parse(text)).isInstanceOf(MalformedNodeIdException.class)
                .hasMessageContaining("padding bits");
    }

    @Test
    void aVeryLongTextIsAbbreviatedInTheMessage() {
        String text = "v" + "0".repeat(500);
        assertThatThrownBy(() -> NodeId.parse(text)).hasMessageContaining("...").message().hasSizeLessThan(200);
    }

    @Test
    void aPublicKeyOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> NodeId.ofPublicKey(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes, got 31");
    }
}
