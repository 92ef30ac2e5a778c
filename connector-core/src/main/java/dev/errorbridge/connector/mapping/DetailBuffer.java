package dev.errorbridge.connector.mapping;

import java.io.Writer;
import java.util.Arrays;

/**
 * Where {@link DetailWriter} writes: an unsynchronised growable char array that measures its
 * content's UTF-8 size in place, before the one copy into a {@link String}. ({@link
 * java.io.StringWriter} synchronises, and a {@link StringBuilder} checks every appended char for
 * Latin-1; both showed up in profiles of the mapping benchmark, as did allocating and zeroing a
 * fresh array per detail, so each thread reuses one.)
 *
 * <p>Not thread-safe; use one at a time per thread, and call {@link #toString()} before the next.
 */
final class DetailBuffer extends Writer {
  /** Larger arrays (from huge details) are not kept, so a thread never pins megabytes. */
  private static final int MAX_KEPT_CAPACITY = 64 * 1024;

  private static final int INITIAL_CAPACITY = 4096;

  private static final ThreadLocal<char[]> SCRATCH =
      ThreadLocal.withInitial(() -> new char[INITIAL_CAPACITY]);

  private char[] chars;
  private int length;

  /** A buffer over this thread's scratch array. */
  DetailBuffer() {
    this.chars = SCRATCH.get();
  }

  @Override
  public void write(char[] source, int offset, int count) {
    ensure(count);
    System.arraycopy(source, offset, chars, length, count);
    length += count;
  }

  @Override
  public void write(String source, int offset, int count) {
    ensure(count);
    source.getChars(offset, offset + count, chars, length);
    length += count;
  }

  @Override
  public void write(int c) {
    ensure(1);
    chars[length++] = (char) c;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  /** The content's UTF-8 length, or -1 when it holds an unpaired surrogate. */
  long utf8LengthIfWellFormed() {
    return Utf8.lengthIfWellFormed(chars, length);
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }

  private void ensure(int more) {
    int needed = length + more;
    if (needed > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(needed, chars.length * 2));
      if (chars.length <= MAX_KEPT_CAPACITY) {
        SCRATCH.set(chars);
      }
    }
  }
}
