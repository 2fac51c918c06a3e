/**
 * `ser.display`: rich output in a tslab notebook — charts (`show`), tables, audio players,
 * markdown, a live-updating area — and the environment report. Outside a notebook these are no-ops
 * or return their HTML.
 */
export {
  show,
  showTable,
  tableHtml,
  showAudio,
  showBeforeAfter,
  audioPlayerHtml,
  displayMarkdown,
  displayHtml,
  displayBundle,
  liveDisplay,
  inNotebook,
  environmentReport,
  profile,
  PROFILES,
  type AudioPlayerOptions,
  type ComponentInfo,
  type LiveDisplay,
  type Profile,
  type ShowBeforeAfterOptions,
  type TableLike,
  type TableOptions,
} from "../notebook";
export { toDataFrame } from "../data";
