import type {Course} from '@coursemark/model'

export type FileSet = Map<string, Uint8Array>

/**
 * The offline web folder: the launch page and assets plus every media file the course uses.
 * `media` holds the bytes of the course's files by course-relative path.
 */
export function exportWeb(course: Course, site: ReadonlyMap<string, Uint8Array>, media: ReadonlyMap<string, Uint8Array>): FileSet {
  const files: FileSet = new Map(site)
  for (const ref of course.media) {
    const bytes = media.get(ref.path)
    if (bytes) files.set(ref.path, bytes)
  }
  return files
}
