import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {createIdentifierSet, toNcName} from '../src/lib/identifiers.js'

const ncName = /^[A-Za-z_][\w.-]*$/

describe('toNcName', () => {
  test('keeps values that already are NCNames', () => {
    for (const value of ['workpris-tso-collaboration', 'LO1', 'module_2', 'a.b-c', '_x']) {
      expect(toNcName(value)).toBe(value)
    }
  })

  test('sanitizes the rest, readably, with a hash of the original', () => {
    expect(toNcName('Zaključni preizkus – Übung')).toMatch(/^Zakljucni-preizkus-Ubung-[0-9a-z]+$/)
    expect(toNcName('01-intro')).toMatch(/^_01-intro-[0-9a-z]+$/)
    expect(toNcName('')).toMatch(/^_[0-9a-z]+$/)
    expect(toNcName('a b')).not.toBe(toNcName('a-b'))
    expect(toNcName('a b')).not.toBe(toNcName('a_b'))
  })

  test('is stable: the same input gives the same output', () => {
    expect(toNcName('Übung 1')).toBe(toNcName('Übung 1'))
  })

  test('always returns an NCName of at most 200 characters', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 400}), (value) => {
        const id = toNcName(value)
        expect(id).toMatch(ncName)
        expect(id.length).toBeLessThanOrEqual(200)
      })
    )
  })

  test('gives different inputs different outputs', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 40}), fc.string({unit: 'binary', maxLength: 40}), (a, b) => {
        fc.pre(a !== b)
        expect(toNcName(a)).not.toBe(toNcName(b))
      })
    )
  })
})

describe('createIdentifierSet', () => {
  test('hands out each identifier once', () => {
    const ids = createIdentifierSet()
    expect(ids.take('course')).toBe('course')
    expect(ids.take('course')).toBe('course-2')
    expect(ids.take('course')).toBe('course-3')
    expect(ids.take('other')).toBe('other')
  })

  test('sets are independent', () => {
    expect(createIdentifierSet().take('x')).toBe('x')
    expect(createIdentifierSet().take('x')).toBe('x')
  })
})
