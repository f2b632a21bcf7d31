import { HeartOutlined, ShoppingOutlined } from '@ant-design/icons';
import { t } from '../i18n.js';
import { go } from '../router.js';

/** The two ways to help near home: the wishes waiting for someone, the micro-errands. */
export function NearHome() {
  return (
    <>
      <button type="button" className="big-action" onClick={() => go('/wishes')} data-testid="isv-wishes">
        <HeartOutlined className="icon" />
        <span>{t('svcWishesNear')}</span>
      </button>
      <button
        type="button"
        className="big-action secondary"
        onClick={() => go('/errands')}
        data-testid="isv-errands"
      >
        <ShoppingOutlined className="icon" />
        <span>{t('svcErrands')}</span>
      </button>
    </>
  );
}
