import { test } from "node:test";
import assert from "node:assert/strict";
import {
  EMOTIONS,
  emotionIndex,
  emotionName,
  emotionLabels,
  formatRavdessName,
  genderOfActor,
  actorFolder,
  isRavdessName,
  parseRavdessName,
  ravdessNameProblem,
} from "../../src/data/ravdess";
import { FileError, ParameterError } from "../../src/util/errors";
import { actorClipNames } from "./make-zip";

test("parses the documented example and a speech clip", () => {
  const c = parseRavdessName("Actor_12/03-01-06-01-02-01-12.wav");
  assert.deepEqual(c, {
    path: "Actor_12/03-01-06-01-02-01-12.wav",
    fileName: "03-01-06-01-02-01-12.wav",
    modality: "audio-only",
    vocalChannel: "speech",
    emotion: "fearful",
    emotionId: 6,
    intensity: "normal",
    statement: 2,
    statementText: "Dogs are sitting by the door",
    repetition: 1,
    actor: 12,
    gender: "female",
  });
  const v = parseRavdessName("02-02-08-02-01-02-23.wav");
  assert.equal(v.modality, "video-only");
  assert.equal(v.vocalChannel, "song");
  assert.equal(v.emotion, "surprised");
  assert.equal(v.intensity, "strong");
  assert.equal(v.statementText, "Kids are talking by the door");
  assert.equal(v.repetition, 2);
  assert.equal(v.gender, "male");
  assert.equal(parseRavdessName("01-01-01-01-01-01-01.WAV").modality, "full-AV");
});

test("EMOTIONS is the RAVDESS code order and emotionIndex/emotionName invert each other", () => {
  assert.deepEqual([...EMOTIONS], ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"]);
  EMOTIONS.forEach((e, i) => {
    assert.equal(emotionIndex(e), i);
    assert.equal(emotionName(i), e);
    assert.equal(parseRavdessName(`03-01-0${i + 1}-01-01-01-01.wav`).emotion, e);
    assert.equal(parseRavdessName(`03-01-0${i + 1}-01-01-01-01.wav`).emotionId, i + 1);
  });
  assert.throws(() => emotionIndex("bored"), (e: unknown) => e instanceof ParameterError && /emotion="bored"/.test(e.message));
  assert.throws(() => emotionName(8), /index=8/);
  assert.deepEqual([...emotionLabels([{ emotion: "angry" }, { emotion: "neutral" }])], [4, 0]);
});

test("each wrong field is named", () => {
  const cases: [string, RegExp][] = [
    ["04-01-01-01-01-01-01.wav", /field 1 \(modality\) is "04"/],
    ["00-01-01-01-01-01-01.wav", /field 1 \(modality\) is "00"/],
    ["03-03-01-01-01-01-01.wav", /field 2 \(vocal channel\) is "03"/],
    ["03-01-09-01-01-01-01.wav", /field 3 \(emotion\) is "09", expected 01–08/],
    ["03-01-02-03-01-01-01.wav", /field 4 \(intensity\) is "03"/],
    ["03-01-02-01-03-01-01.wav", /field 5 \(statement\) is "03"/],
    ["03-01-02-01-01-00-01.wav", /field 6 \(repetition\) is "00"/],
    ["03-01-02-01-01-01-25.wav", /field 7 \(actor\) is "25", expected 01–24/],
    ["03-01-02-01-01-01-00.wav", /field 7 \(actor\) is "00"/],
    ["03-01-2-01-01-01-01.wav", /field 3 \(emotion\) is "2"/],
    ["03-01-ab-01-01-01-01.wav", /field 3 \(emotion\) is "ab"/],
    ["03-01-02-01-01-01.wav", /6 dash-separated fields, expected 7/],
    ["03-01-02-01-01-01-01-01.wav", /8 dash-separated fields/],
    ["03-01-02-01-01-01-01.mp4", /extension is "\.mp4", expected "\.wav"/],
    ["03-01-02-01-01-01-01", /extension is "\(none\)"/],
    ["03-01-01-02-01-01-01.wav", /neutral \(01\) with strong intensity \(02\)/],
  ];
  for (const [name, re] of cases) {
    assert.match(ravdessNameProblem(name) ?? "", re, name);
    assert.equal(isRavdessName(name), false);
    assert.throws(
      () => parseRavdessName(`some/dir/${name}`),
      (e: unknown) => e instanceof FileError && e.path === `some/dir/${name}` && e.message.includes(`some/dir/${name}`) && re.test(e.message),
      name,
    );
  }
});

test("formatRavdessName inverts parseRavdessName over all 60 speech clips of an actor", () => {
  const names = actorClipNames(7);
  assert.equal(names.length, 60);
  assert.equal(new Set(names).size, 60);
  for (const n of names) {
    const c = parseRavdessName(n);
    assert.equal(formatRavdessName(c), n);
    assert.equal(c.actor, 7);
  }
  assert.equal(formatRavdessName({ emotion: "angry", actor: 7, intensity: "strong", repetition: 2 }), "03-01-05-02-01-02-07.wav");
  assert.throws(() => formatRavdessName({ emotion: "neutral", actor: 1, intensity: "strong" }), ParameterError);
  assert.throws(() => formatRavdessName({ emotion: "calm", actor: 25 }), /actor/);
});

test("gender and actor folders", () => {
  assert.equal(genderOfActor(1), "male");
  assert.equal(genderOfActor(24), "female");
  assert.throws(() => genderOfActor(0), /actor=0/);
  assert.equal(actorFolder(7), "Actor_07");
  assert.equal(actorFolder(24), "Actor_24");
});
