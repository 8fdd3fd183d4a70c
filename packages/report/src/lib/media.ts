/**
 * The playing time of a media file in seconds, read from its bytes, or `undefined` when the
 * format is not understood. Understood: MP4/M4A/MOV (`mvhd` box), MP3 (Xing/Info frame count,
 * else constant bit rate from the first frame) and WebVTT captions (end of the last cue). Pure.
 */
export function mediaSeconds(path: string, bytes: Uint8Array): number | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase()
  switch (extension) {
    case 'mp4':
    case 'm4v':
    case 'm4a':
    case 'mov':
      return mp4Seconds(bytes)
    case 'mp3':
      return mp3Seconds(bytes)
    case 'vtt':
      return vttSeconds(new TextDecoder().decode(bytes))
    default:
      return undefined
  }
}

function mp4Seconds(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let index = 4; index + 32 <= bytes.length; index++) {
    if (bytes[index] !== 0x6d || bytes[index + 1] !== 0x76 || bytes[index + 2] !== 0x68 || bytes[index + 3] !== 0x64) continue // "mvhd"
    const version = bytes[index + 4]
    const timescale = version === 1 ? view.getUint32(index + 24) : view.getUint32(index + 16)
    const duration = version === 1 ? Number(view.getBigUint64(index + 28)) : view.getUint32(index + 20)
    if (timescale > 0 && Number.isFinite(duration)) return duration / timescale
    return undefined
  }
  return undefined
}

const mp3Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
const mp3Bitrates2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
const mp3Rates = [44100, 48000, 32000]

function mp3Seconds(bytes: Uint8Array): number | undefined {
  let offset = 0
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33 && bytes.length >= 10) {
    offset = 10 + ((bytes[6]! & 0x7f) << 21 | (bytes[7]! & 0x7f) << 14 | (bytes[8]! & 0x7f) << 7 | (bytes[9]! & 0x7f)) // ID3v2
  }
  for (; offset + 4 <= bytes.length; offset++) {
    if (bytes[offset] !== 0xff || (bytes[offset + 1]! & 0xe0) !== 0xe0) continue
    const versionBits = (bytes[offset + 1]! >> 3) & 3 // 3: MPEG 1, 2: MPEG 2, 0: MPEG 2.5
    const layer = (bytes[offset + 1]! >> 1) & 3 // 1: layer III
    const bitrateIndex = bytes[offset + 2]! >> 4
    const rateIndex = (bytes[offset + 2]! >> 2) & 3
    if (versionBits === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) continue
    const mpeg1 = versionBits === 3
    const kbps = (mpeg1 ? mp3Bitrates : mp3Bitrates2)[bitrateIndex]!
    const sampleRate = mp3Rates[rateIndex]! / (mpeg1 ? 1 : versionBits === 2 ? 2 : 4)
    const samplesPerFrame = mpeg1 ? 1152 : 576
    const mono = (bytes[offset + 3]! >> 6) === 3
    const side = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17)
    const tag = offset + 4 + side
    const marker = String.fromCharCode(...bytes.subarray(tag, tag + 4))
    if ((marker === 'Xing' || marker === 'Info') && tag + 12 <= bytes.length && (bytes[tag + 7]! & 1) === 1) {
      const frames = new DataView(bytes.buffer, bytes.byteOffset + tag + 8, 4).getUint32(0)
      return (frames * samplesPerFrame) / sampleRate
    }
    return ((bytes.length - offset) * 8) / (kbps * 1000)
  }
  return undefined
}

function vttSeconds(text: string): number | undefined {
  let last: number | undefined
  for (const match of text.matchAll(/-->\s*(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})/g)) {
    const seconds = Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]) + Number(match[4]!.padEnd(3, '0')) / 1000
    last = Math.max(last ?? 0, seconds)
  }
  return last
}
