package dev.sluice.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * The open streams of one connection by id: open addressing with linear probing over two arrays,
 * ids as keys (always positive, so 0 marks a free slot). A connection usually holds a handful of
 * streams and an idle one holds its arrays and nothing else: no entry objects, no boxed keys and
 * none of the view objects a general map creates up front. Grows at half full; removal shifts
 * the entries after the hole back, so no tombstones accumulate. Event loop only.
 */
final class StreamIdMap<V> {
    /** Most connections hold a stream or two: the arrays start small and double at half full. */
    private static final int INITIAL_CAPACITY = 2;
    private static final int FREE = 0;

    private int[] ids = new int[INITIAL_CAPACITY];
    private Object[] streams = new Object[INITIAL_CAPACITY];
    private int size;

    @SuppressWarnings("unchecked")
    V get(int id) {
        int mask = ids.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            int key = ids[i];
            if (key == id) {
                return (V) streams[i];
            }
            if (key == FREE) {
                return null;
            }
        }
    }

    /** Adds {@code stream} under {@code id}, replacing any stream there. */
    void put(int id, V stream) {
        if (id <= 0) {
            throw new IllegalArgumentException("stream ids are positive, not " + id);
        }
        if (2 * (size + 1) > ids.length) {
            resize(ids.length * 2);
        }
        int mask = ids.length - 1;
        int i = slot(id, mask);
        while (ids[i] != FREE && ids[i] != id) {
            i = (i + 1) & mask;
        }
        if (ids[i] == FREE) {
            ids[i] = id;
            size++;
        }
        streams[i] = stream;
    }

    /** @return the stream that was under {@code id}, or null */
    @SuppressWarnings("unchecked")
    V remove(int id) {
        if (id <= 0) {
            return null;
        }
        int mask = ids.length - 1;
        int i = slot(id, mask);
        while (ids[i] != id) {
            if (ids[i] == FREE) {
                return null;
            }
            i = (i + 1) & mask;
        }
        V removed = (V) streams[i];
        size--;
        // Shift back each following entry of the run that the hole would cut off from its slot.
        int hole = i;
        for (int j = (i + 1) & mask; ids[j] != FREE; j = (j + 1) & mask) {
            int home = slot(ids[j], mask);
            boolean reachableWithoutHole = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!reachableWithoutHole) {
                ids[hole] = ids[j];
                streams[hole] = streams[j];
                hole = j;
            }
        }
        ids[hole] = FREE;
        streams[hole] = null;
        return removed;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Every stream, in no particular order. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> all = new ArrayList<>(size);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != FREE) {
                all.add((V) streams[i]);
            }
        }
        return all;
    }

    void clear() {
        ids = new int[INITIAL_CAPACITY];
        streams = new Object[INITIAL_CAPACITY];
        size = 0;
    }

    private void resize(int capacity) {
        int[] oldIds = ids;
        Object[] oldStreams = streams;
        ids = new int[capacity];
        streams = new Object[capacity];
        int mask = capacity - 1;
        for (int k = 0; k < oldIds.length; k++) {
            if (oldIds[k] != FREE) {
                int i = slot(oldIds[k], mask);
                while (ids[i] != FREE) {
                    i = (i + 1) & mask;
                }
                ids[i] = oldIds[k];
                streams[i] = oldStreams[k];
            }
        }
    }

    /** Fibonacci hashing: ids count up by two on each side, the multiply spreads them. */
    private static int slot(int id, int mask) {
        return (id * 0x9E3779B9 >>> 16) & mask;
    }
}
