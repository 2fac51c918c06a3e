import { test } from "node:test";
import assert from "node:assert/strict";
import { onePerEmotion } from "../../src/data/select";
import { EMOTIONS, parseRavdessName, formatRavdessName, type RavdessClip } from "../../src/data/ravdess";

const clips: RavdessClip[] = [];
for (let actor = 1; actor <= 4; actor++)
  for (const emotion of EMOTIONS)
    for (const intensity of emotion === "neutral" ? (["normal"] as const) : (["normal", "strong"] as const))
      clips.push(parseRavdessName(`/x/Actor_0${actor}/${formatRavdessName({ emotion, intensity, actor })}`));

test("one clip per emotion, in RAVDESS order, the same for the same seed", () => {
  const a = onePerEmotion(clips, { seed: 3 });
  assert.deepEqual(a.map((c) => c.emotion), [...EMOTIONS]);
  assert.deepEqual(onePerEmotion(clips, { seed: 3 }), a);
  const strong = onePerEmotion(clips, { intensity: "strong", actor: 2 });
  assert.ok(strong.every((c) => c.actor === 2));
  assert.ok(strong.slice(1).every((c) => c.intensity === "strong"));
  assert.equal(strong[0].intensity, "normal", "neutral has no strong clips and falls back");
  assert.throws(() => onePerEmotion(clips, { actor: 9 }), /no neutral clip matches/);
});
