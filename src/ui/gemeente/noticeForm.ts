/**
 * The gemeente's notice form as plain values (what the fields hold) and the model's input
 * made from them. Pure, so the form's rules are tested without a browser; the model
 * (validateNoticeInput) has the last word on what is valid.
 */
import type { Kernen, Notice, NoticeInput, NoticeKind } from '../../model/notices';

export interface NoticeFormValues {
  kind: NoticeKind;
  title: string;
  text: string;
  /** "Alle kernen" is ticked: the notice is for every kern (now and later). */
  all: boolean;
  /** The kernen ticked one by one (kept while "Alle kernen" is ticked, for unticking it). */
  kernen: readonly string[];
  from: string;
  until: string;
  place: string;
  link: string;
}

/** The fields in form order (the error summary lists them so). */
export const noticeFieldOrder = [
  'kind',
  'title',
  'text',
  'kernen',
  'from',
  'until',
  'place',
  'link',
] as const;
export type NoticeField = (typeof noticeFieldOrder)[number];

/** A new notice starts today, about works; an existing one as it is. */
export function initialNoticeValues(notice: Notice | null, today: string): NoticeFormValues {
  if (!notice)
    return {
      kind: 'werkzaamheden',
      title: '',
      text: '',
      all: false,
      kernen: [],
      from: today,
      until: '',
      place: '',
      link: '',
    };
  return {
    kind: notice.kind,
    title: notice.title,
    text: notice.text,
    all: notice.kernen === 'alle',
    kernen: notice.kernen === 'alle' ? [] : notice.kernen,
    from: notice.from,
    until: notice.until ?? '',
    place: notice.place,
    link: notice.link ?? '',
  };
}

/** Who will see the notice. */
export const targetOf = (values: Pick<NoticeFormValues, 'all' | 'kernen'>): Kernen =>
  values.all ? 'alle' : values.kernen;

/** Ticks or unticks one kern (kept in the order of `order`, the configuration's). */
export function toggleKern(
  kernen: readonly string[],
  slug: string,
  on: boolean,
  order: readonly string[],
): string[] {
  const set = new Set(kernen);
  if (on) set.add(slug);
  else set.delete(slug);
  return order.filter((s) => set.has(s));
}

/** The model's input; empty optional fields become "none". */
export function toNoticeInput(values: NoticeFormValues): NoticeInput {
  return {
    kind: values.kind,
    title: values.title,
    text: values.text,
    kernen: targetOf(values),
    from: values.from.trim(),
    until: values.until.trim() || null,
    place: values.place,
    link: values.link.trim() || null,
  };
}
