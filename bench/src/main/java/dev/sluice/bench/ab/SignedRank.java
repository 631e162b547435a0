package dev.sluice.bench.ab;

/**
 * The exact null distribution of the Wilcoxon signed-rank statistic W+ for n pairs without ties:
 * each of the 2^n sign patterns is equally likely, so P(W+ = w) is the number of subsets of
 * {1..n} summing to w over 2^n. Used to pick the order statistics of the Walsh averages that
 * bound a confidence interval.
 */
final class SignedRank {
    /** Beyond this the counts overflow a double's exact range; far more rounds than a run takes. */
    static final int MAX_PAIRS = 60;

    private SignedRank() {
    }

    /** P(W+ <= w) for {@code n} pairs. */
    static double cdf(int n, int w) {
        if (n < 0 || n > MAX_PAIRS) {
            throw new IllegalArgumentException("pairs must be within 0.." + MAX_PAIRS + ", not " + n);
        }
        if (w < 0) {
            return 0;
        }
        int max = n * (n + 1) / 2;
        if (w >= max) {
            return 1;
        }
        double[] counts = new double[max + 1];
        counts[0] = 1;
        for (int rank = 1; rank <= n; rank++) {
            for (int sum = max; sum >= rank; sum--) {
                counts[sum] += counts[sum - rank];
            }
        }
        double below = 0;
        for (int sum = 0; sum <= w; sum++) {
            below += counts[sum];
        }
        return below / Math.pow(2, n);
    }

    /**
     * The largest k >= 1 with P(W+ <= k - 1) <= alpha / 2, i.e. the k-th smallest and k-th largest
     * Walsh averages bound a two-sided interval of at least 1 - alpha; 0 when n is too small for
     * any interval at that level (2^-n > alpha / 2).
     */
    static int criticalRank(int n, double alpha) {
        int k = 0;
        int max = n * (n + 1) / 2;
        while (k < max && cdf(n, k) <= alpha / 2) {
            k++;
        }
        return k;
    }
}
