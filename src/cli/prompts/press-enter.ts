/** A prompt that waits for Enter: between a lesson's prose and its exercise. */
import {
  createPrompt,
  isEnterKey,
  makeTheme,
  useKeypress,
  usePrefix,
  useState,
} from '@inquirer/core';

export const pressEnterPrompt = createPrompt<void, { message: string }>((config, done) => {
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const theme = makeTheme({});
  const prefix = usePrefix({ status, theme });
  useKeypress((key, rl) => {
    if (isEnterKey(key)) {
      setStatus('done');
      done();
    } else {
      rl.clearLine(0);
    }
  });
  return `${prefix} ${theme.style.message(config.message, status)}`;
});
