/* Microphone capture in the audio thread: downsample to 16 kHz, 16-bit mono, post 0.1 s blocks with their level. */
class PcmDownsampler extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.ratio = sampleRate / 16000;
    this.pos = 0;
    this.block = new Int16Array(1600);
    this.filled = 0;
    this.sum = 0;
  }
  process(inputs) {
    var input = inputs[0] && inputs[0][0];
    if (!input) { return true; }
    while (this.pos < input.length) {
      var i = Math.floor(this.pos), frac = this.pos - i;
      var next = i + 1 < input.length ? input[i + 1] : input[i];
      var s = Math.max(-1, Math.min(1, input[i] + (next - input[i]) * frac));
      this.block[this.filled++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      this.sum += s * s;
      if (this.filled === this.block.length) {
        this.port.postMessage({ pcm: this.block.buffer, level: Math.sqrt(this.sum / this.filled) }, [this.block.buffer]);
        this.block = new Int16Array(1600);
        this.filled = 0;
        this.sum = 0;
      }
      this.pos += this.ratio;
    }
    this.pos -= input.length;
    return true;
  }
}
registerProcessor("pcm-downsampler", PcmDownsampler);
