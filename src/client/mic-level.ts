/** How often the level is read: a meter needs no more than about ten readings a second. */
const EVERY_MS = 100;

/**
 * The live level of a microphone track (0 … 1), read through a Web Audio AnalyserNode about ten
 * times a second, for the pre-join meter. Answers what stops it.
 */
export function watchMicLevel(track: MediaStreamTrack, onLevel: (level: number) => void): () => void {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  void context.resume().catch(() => undefined);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    // Speech sits around 0.05–0.2 RMS: scaled so that a normal voice fills most of the meter.
    onLevel(Math.min(1, Math.sqrt(sum / samples.length) * 5));
  }, EVERY_MS);
  return () => {
    clearInterval(timer);
    source.disconnect();
    void context.close().catch(() => undefined);
  };
}
