package org.magg.transforms.cycles;

import java.io.Serializable;

/** A carrier and the state threaded with it: what a {@link StatefulOperator} takes and returns. */
public record Carry<C, S>(C carrier, S state) implements Serializable {}
