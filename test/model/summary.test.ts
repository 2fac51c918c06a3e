import { test } from "node:test";
import assert from "node:assert/strict";
import { buildCnnLstm } from "../../src/model/cnn-lstm";
import { modelSummary } from "../../src/model/summary";
import { loadFixture } from "../helpers/fixtures";

test("the summary lists the seed network's layers, shapes and Keras's parameter count", () => {
  const model = buildCnnLstm({ inputShape: [193, 1], seed: 1 });
  const rows = modelSummary(model);
  assert.equal(rows.length, model.layers.length + 1);
  assert.equal(rows[0].output, "(193, 128)");
  assert.equal(rows[rows.length - 2].output, "(8)");
  const keras = loadFixture("model/keras_cnn_lstm");
  const total = rows[rows.length - 1].params;
  assert.equal(total, model.countParams());
  assert.ok(JSON.stringify(keras).includes(String(total)), `Keras's fixture records ${total} parameters`);
  model.dispose();
});
