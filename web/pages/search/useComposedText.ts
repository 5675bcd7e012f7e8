import { useRef, useState, type ChangeEvent, type CompositionEvent } from 'react';

/**
 * A text box's text as shown, and as committed (what is searched): the same, except while an input method is still
 * composing (pinyin such as `haodian` before it becomes 好店 is not what anyone is looking for). `inputProps` go on
 * the input; `reset` puts a text in from outside (the page's `?q=`), leaving what is being composed on screen.
 */
export function useComposedText(initial = '') {
  const [shown, setShown] = useState(initial);
  const [committed, setCommitted] = useState(initial);
  const composing = useRef(false);
  return {
    shown,
    committed,
    reset(text: string) {
      setCommitted(text);
      if (!composing.current) setShown(text);
    },
    inputProps: {
      value: shown,
      onChange: (e: ChangeEvent<HTMLInputElement>) => { setShown(e.target.value); if (!composing.current) setCommitted(e.target.value); },
      onCompositionStart: () => { composing.current = true; },
      onCompositionEnd: (e: CompositionEvent<HTMLInputElement>) => { composing.current = false; setCommitted(e.currentTarget.value); },
    },
  };
}
