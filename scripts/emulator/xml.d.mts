/** Types of xml.mjs, for the TypeScript tests that read the emulator's XML answers. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded), '' when it has children. */
  text: string;
}
export interface XmlDocument {
  declaration: string;
  root: XmlElement;
}
export function decode(text: string): string;
export function encode(text: string): string;
export function parseXml(source: string): XmlDocument;
export function serializeXml(document: XmlDocument): string;
export function children(element: XmlElement | undefined, name: string): XmlElement[];
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined;
export function textOf(element: XmlElement | undefined, name: string): string;
export function items(element: XmlElement | undefined, name: string): XmlElement[];
export function descendants(element: XmlElement | undefined, name: string): XmlElement[];
