/**
 * Multi-line text someone wrote (a nomination's answer, a criterion's description) as
 * paragraphs: a blank line starts a new paragraph, a single line break stays a line break;
 * every piece escaped.
 */
export function Paragraphs({ text, lang }: { text: string; lang?: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return (
    <>
      {paragraphs.map((p) => (
        <p lang={lang}>
          {p.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : ''}
              <span safe>{line}</span>
            </>
          ))}
        </p>
      ))}
    </>
  );
}
