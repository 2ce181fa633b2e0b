package com.incident.common.redact;

/** A CharSequence that counts character reads: java.util.regex reads its input only through charAt. */
final class CountingCharSequence implements CharSequence {
  private final String text;
  private final int offset;
  private final int length;
  private final long[] reads;

  CountingCharSequence(String text) {
    this(text, 0, text.length(), new long[1]);
  }

  private CountingCharSequence(String text, int offset, int length, long[] reads) {
    this.text = text;
    this.offset = offset;
    this.length = length;
    this.reads = reads;
  }

  long reads() {
    return reads[0];
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    reads[0]++;
    return text.charAt(offset + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new CountingCharSequence(text, offset + start, end - start, reads);
  }

  @Override
  public String toString() {
    reads[0] += length;
    return text.substring(offset, offset + length);
  }
}
