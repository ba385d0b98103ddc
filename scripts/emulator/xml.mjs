// @ts-check
/**
 * The XML of the AWS query and REST protocols, small enough to read and edit:
 * elements with attributes and text, no mixed content, no DTD. parse() then
 * serialize() gives back an equivalent document (the declaration kept).
 */

/**
 * @typedef {object} XmlElement
 * @property {string} name
 * @property {Record<string, string>} attributes
 * @property {XmlElement[]} children
 * @property {string} text   the element's own text (entities decoded), '' when it has children
 */

const ENTITIES = /** @type {Record<string, string>} */ ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" });

/** @param {string} text */
export function decode(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

/** @param {string} text */
export function encode(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * @param {string} source
 * @returns {{ declaration: string, root: XmlElement }}
 */
export function parseXml(source) {
  let at = 0;
  let declaration = '';
  const declared = /^\s*<\?xml[^?]*\?>/.exec(source);
  if (declared) {
    declaration = declared[0].trim();
    at = declared[0].length;
  }
  /** @type {XmlElement[]} */
  const stack = [];
  /** @type {XmlElement | undefined} */
  let root;
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->/g;
  tag.lastIndex = at;
  let match;
  while ((match = tag.exec(source))) {
    const between = source.slice(at, match.index);
    at = tag.lastIndex;
    const parent = stack[stack.length - 1];
    if (parent && between.trim()) parent.text += decode(between);
    if (match[0].startsWith('<!--')) continue;
    const [, closing, name, rawAttributes, selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`XML: </${name}> closes <${open?.name ?? 'nothing'}>`);
      if (open.children.length) open.text = '';
      continue;
    }
    /** @type {Record<string, string>} */
    const attributes = {};
    for (const attribute of (rawAttributes ?? '').matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes[attribute[1] ?? ''] = decode(attribute[2] ?? attribute[3] ?? '');
    }
    /** @type {XmlElement} */
    const element = { name: name ?? '', attributes, children: [], text: '' };
    if (parent) parent.children.push(element);
    else if (!root) root = element;
    if (!selfClosing) stack.push(element);
  }
  if (!root || stack.length) throw new Error('XML: not one complete document');
  return { declaration, root };
}

/**
 * @param {{ declaration: string, root: XmlElement }} document
 * @returns {string}
 */
export function serializeXml(document) {
  /** @param {XmlElement} element @returns {string} */
  const write = (element) => {
    const attributes = Object.entries(element.attributes)
      .map(([key, value]) => ` ${key}="${encode(value)}"`)
      .join('');
    if (!element.children.length && !element.text) return `<${element.name}${attributes}/>`;
    const inner = element.children.length ? element.children.map(write).join('') : encode(element.text);
    return `<${element.name}${attributes}>${inner}</${element.name}>`;
  };
  return `${document.declaration ? `${document.declaration}\n` : ''}${write(document.root)}`;
}

/**
 * The direct children named `name`.
 * @param {XmlElement | undefined} element
 * @param {string} name
 */
export function children(element, name) {
  return element ? element.children.filter((child) => child.name === name) : [];
}

/**
 * The first direct child named `name`.
 * @param {XmlElement | undefined} element
 * @param {string} name
 */
export function child(element, name) {
  return element?.children.find((c) => c.name === name);
}

/**
 * The text of the first direct child named `name` ('' when there is none).
 * @param {XmlElement | undefined} element
 * @param {string} name
 */
export function textOf(element, name) {
  return child(element, name)?.text ?? '';
}

/**
 * The members of the list `name`: EC2's `<fooSet><item>`, the query services'
 * `<Foos><member>`, RDS's `<DBInstances><DBInstance>`: whatever their name.
 * @param {XmlElement | undefined} element
 * @param {string} name
 */
export function items(element, name) {
  return child(element, name)?.children ?? [];
}

/**
 * Every descendant named `name`, depth first.
 * @param {XmlElement | undefined} element
 * @param {string} name
 * @returns {XmlElement[]}
 */
export function descendants(element, name) {
  if (!element) return [];
  return element.children.flatMap((c) => [...(c.name === name ? [c] : []), ...descendants(c, name)]);
}
