// narrow.js — useNarrow(): a ref that is true while the window is a
// phone's (max-width 767 px, the shell's breakpoint), for components that
// show a list instead of a wide table.  Listens only while mounted.
import { ref, onMounted, onBeforeUnmount } from 'vue';

export function useNarrow(query = '(max-width: 767px)') {
  const narrow = ref(false);
  let mq = null;
  const on = () => { narrow.value = mq.matches; };
  onMounted(() => {
    mq = window.matchMedia(query);
    on();
    mq.addEventListener('change', on);
  });
  onBeforeUnmount(() => mq && mq.removeEventListener('change', on));
  return narrow;
}
