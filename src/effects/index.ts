/** Effects on audio: voice-activity detection (voiced intervals of a recording). */
export { voicedIntervals, frameLevels, type Interval, type VoicedIntervalsOptions } from "./voiced-intervals";
export { snrDb } from "./snr-db";
