/** One entry of a list the person picks from: the value it stands for, and what is shown. */
export interface Choice {
  readonly value: string;
  readonly label: string;
  /** A consequence or size, shown beside the label ("2 vCPU, 1 GiB"). */
  readonly hint?: string;
}
