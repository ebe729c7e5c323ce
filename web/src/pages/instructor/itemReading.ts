// How the item analysis page reads one question's figures: a share and an index only when enough attempts stand
// behind them, otherwise the plain count ("1 of 2"), so a class of two never sees a bare −1.00.
export interface ItemFigures {
  served: number;
  correct: number;
  facility: number | null;
  discrimination: number | null;
  reliable: boolean;
}

export type FacilityReading = { kind: "share"; share: number | null } | { kind: "count"; correct: number; served: number };
export type DiscriminationReading = { kind: "index"; value: number | null } | { kind: "tooFew" };

export interface ItemReading {
  facility: FacilityReading;
  discrimination: DiscriminationReading;
}

export function readItem(item: ItemFigures): ItemReading {
  if (!item.reliable) {
    return { facility: { kind: "count", correct: item.correct, served: item.served }, discrimination: { kind: "tooFew" } };
  }
  return { facility: { kind: "share", share: item.facility }, discrimination: { kind: "index", value: item.discrimination } };
}
