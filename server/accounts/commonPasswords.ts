/**
 * The commonest passwords of at least 8 characters (the shortest allowed), from the published leak
 * top lists. Compared in lower case; a short list is enough to stop the first guesses of an attacker.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  'password', 'password1', 'password12', 'password123', 'password!', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  '12345678', '123456789', '1234567890', '0123456789', '87654321', '12341234', '11223344', '12344321',
  '11111111', '00000000', '88888888', '66666666', '99999999', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx',
  'qwertyui', 'qwertyuiop', 'qwerty12', 'qwerty123', 'qwerty1234', 'asdfghjk', 'asdfghjkl', 'zxcvbnm1',
  'zaq12wsx', 'q1w2e3r4', 'abcd1234', 'abc12345', 'abcdefgh', 'iloveyou', 'iloveyou1', 'sunshine',
  'princess', 'football', 'baseball', 'superman', 'starwars', 'whatever', 'trustno1', 'letmein1',
  'welcome1', 'welcome123', 'admin123', 'administrator', 'changeme', 'computer', 'internet', 'michelle',
  'jennifer', 'mustang1', 'shadow12', 'master12', 'dragon12', 'monkey12', 'football1', 'baseball1',
  'aa123456', 'a1234567', 'a12345678', 'woaini1314', 'qwe12345', 'qweasdzxc', 'default1', 'secret12',
];
