// narrow.js — useNarrow(): true while the window is a phone's (under
// 768 px, the shell's breakpoint), so that the tables of the overview and
// county pages can fold their columns into one instead of scrolling
// sideways: on a phone the status must be seen without scrolling.
import { ref, onMounted, onBeforeUnmount } from 'vue';

const QUERY = '(max-width: 767px)';

export function useNarrow() {
  const narrow = ref(typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(QUERY).matches);
  let mq = null;
  const on = () => { narrow.value = mq.matches; };
  onMounted(() => {
    if (!window.matchMedia) return;
    mq = window.matchMedia(QUERY);
    on();
    mq.addEventListener('change', on);
  });
  onBeforeUnmount(() => mq && mq.removeEventListener('change', on));
  return narrow;
}
