package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginPolicyTest {
    private final OriginPolicy policy = OriginPolicy.allowing(List.of("https://App.Example.com", "http://localhost:8080"));

    @Test
    void aRequestWithoutAnOriginIsAcceptedWhateverTheList() {
        assertThat(OriginPolicy.NONE.problem(List.of())).isNull();
        assertThat(policy.problem(List.of())).isNull();
    }

    @Test
    void aListedOriginIsAcceptedIgnoringAsciiCase() {
        assertThat(policy.problem(List.of("https://app.example.com"))).isNull();
        assertThat(policy.problem(List.of("HTTP://LOCALHOST:8080"))).isNull();
        assertThat(policy.allowed()).containsExactlyInAnyOrder("https://app.example.com", "http://localhost:8080");
    }

    @Test
    void anOriginNotListedIsRefusedAndNamed() {
        assertThat(policy.problem(List.of("https://evil.example"))).isEqualTo("origin https://evil.example is not allowed");
        assertThat(policy.problem(List.of("http://localhost:8081"))).isNotNull();
        assertThat(policy.problem(List.of("null"))).isNotNull();
        assertThat(OriginPolicy.NONE.problem(List.of("https://app.example.com")))
                .endsWith("(this server accepts no browser origin)");
    }

    @Test
    void twoOriginHeadersAreRefusedEvenWhenBothAreListed() {
        assertThat(policy.problem(List.of("https://app.example.com", "http://localhost:8080")))
                .isEqualTo("the upgrade request has 2 Origin headers");
    }

    @Test
    void theOpaqueOriginNullCanBeListed() {
        assertThat(OriginPolicy.allowing(List.of("null")).problem(List.of("null"))).isNull();
    }

    @Test
    void aHostileOriginIsCutInTheExplanation() {
        assertThat(policy.problem(List.of("https://" + "a".repeat(500)))).hasSizeLessThan(140).contains("...");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.example.com", "https://app.example.com/", "https://app.example.com/path", "*", "",
            "https://user@app.example.com"})
    void anEntryThatIsNotAnOriginIsAClearError(String entry) {
        assertThatThrownBy(() -> OriginPolicy.allowing(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an origin: '" + entry + "'");
    }
}
