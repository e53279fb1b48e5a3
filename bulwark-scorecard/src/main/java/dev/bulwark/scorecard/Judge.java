package dev.bulwark.scorecard;

/** Judges one essential from an observation. Pure: no client, clock or I/O. */
public interface Judge {

  Essential essential();

  Line judge(Observation observation);
}
